using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>What happens inside a session, told by the call-ownership actor to its session.</summary>
public static class SessionEvents
{
    /// <summary>An event was decided; <paramref name="Changes"/> is empty unless it was accepted.</summary>
    public sealed record Decided(ConsoleEvent Event, Decision Decision, IReadOnlyList<SessionChange> Changes);
}
