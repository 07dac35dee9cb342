using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Sessions;

/// <summary>What can be asked of a session.</summary>
public static class SessionQueries
{
    /// <summary>Answered with a <see cref="Queries.SessionSnapshot"/>.</summary>
    public sealed record GetSnapshot(string SessionId) : TenantMessage, ISessionMessage;

    /// <summary>Answered with a <see cref="Queries.CallView"/>, or <see cref="CallNotFound"/>.</summary>
    public sealed record GetCall(string SessionId, string CallId) : TenantMessage, ISessionMessage;

    public sealed record CallNotFound(string SessionId, string CallId);

    /// <summary>Answered with a <see cref="Timeline"/>, or <see cref="CallNotFound"/> when the session does not know the call.</summary>
    public sealed record GetTimeline(string SessionId, string CallId) : TenantMessage, ISessionMessage;

    /// <summary>Every change of the call's owner or state, oldest first (<see cref="Queries.CallTimelines"/>).</summary>
    public sealed record Timeline(string CallId, IReadOnlyList<Queries.TimelineEntry> Entries);

    /// <summary>Answered with a <see cref="Tabs.TabActivity"/>, or <see cref="TabNotFound"/>.</summary>
    /// <param name="ConsoleId">The tab's console; null for the default console.</param>
    public sealed record GetTabActivity(string SessionId, string TabId, string? ConsoleId = null) : TenantMessage, ISessionMessage;

    public sealed record TabNotFound(string SessionId, string TabId);
}
