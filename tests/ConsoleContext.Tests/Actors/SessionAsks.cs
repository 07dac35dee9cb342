using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;

namespace ConsoleContext.Tests.Actors;

/// <summary>The asks the specs make of a session router, with one timeout for all of them.</summary>
internal static class SessionAsks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<Decision> SubmitAsync(this IActorRef sessions, ConsoleEvent e) =>
        sessions.Ask<Decision>(new SessionCommands.Submit(e), Timeout);

    public static async Task<IReadOnlyList<Decision>> SubmitAllAsync(this IActorRef sessions, IEnumerable<ConsoleEvent> events)
    {
        var decisions = new List<Decision>();
        foreach (var e in events)
            decisions.Add(await sessions.SubmitAsync(e));
        return decisions;
    }

    public static Task<SessionSnapshot> SnapshotAsync(this IActorRef sessions, string sessionId) =>
        sessions.Ask<SessionSnapshot>(new SessionQueries.GetSnapshot(sessionId), Timeout);

    /// <summary>A <see cref="CallView"/> or <see cref="SessionQueries.CallNotFound"/>.</summary>
    public static Task<object> CallAsync(this IActorRef sessions, string sessionId, string callId) =>
        sessions.Ask<object>(new SessionQueries.GetCall(sessionId, callId), Timeout);

    /// <summary>A <see cref="SessionQueries.Timeline"/> or <see cref="SessionQueries.CallNotFound"/>.</summary>
    public static Task<object> TimelineAsync(this IActorRef sessions, string sessionId, string callId) =>
        sessions.Ask<object>(new SessionQueries.GetTimeline(sessionId, callId), Timeout);

    /// <summary>A <see cref="TabActivity"/> or <see cref="SessionQueries.TabNotFound"/>.</summary>
    public static Task<object> TabActivityAsync(this IActorRef sessions, string sessionId, string tabId) =>
        sessions.Ask<object>(new SessionQueries.GetTabActivity(sessionId, tabId), Timeout);
}
