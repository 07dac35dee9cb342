using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// What the session decided about one accepted event, as journaled in <see cref="EventsDecided"/>: the canonical event
/// (with <c>at</c> set, so a tape export stays replayable), the decision the caller received, and the state changes that
/// made it true. Recovery applies <paramref name="Changes"/> and never decides again.
/// </summary>
public sealed record DecidedFact(ConsoleEvent Event, Decision Decision, IReadOnlyList<SessionChange> Changes)
{
    /// <summary>
    /// The server's clock when the session accepted the event, kept only where something counts from it (a sessionEnded:
    /// retention); null on every other fact and on facts written before (<c>events-decided.v1</c>).
    /// </summary>
    public DateTimeOffset? AcceptedAt { get; init; }

    /// <summary>The <see cref="AcceptedAt"/> to keep for <paramref name="e"/> accepted at <paramref name="now"/>: only a sessionEnded's.</summary>
    public static DateTimeOffset? StampOf(ConsoleEvent e, DateTimeOffset now) => e is ConsoleEvents.SessionEnded ? now : null;
}
