using ConsoleContext.Protocol;

namespace ConsoleContext.Persistence;

/// <summary>
/// The journal entry before facts were journaled (manifest <c>events-accepted.v1</c>, read only since <see cref="EventsDecided"/>): the events one request made the session accept, in order, each with <c>at</c> set
/// (arrival time when the bridge sent none), so recovery and an exported tape decide exactly as the live
/// session did. One entry per request, not per event: a batch costs one row.
/// </summary>
public sealed record EventsAccepted(IReadOnlyList<ConsoleEvent> Events) : IPersistedMessage
{
    public static ConsoleEvent Stamped(ConsoleEvent e, DateTimeOffset arrivedAt) =>
        e.Header.At is null ? e with { Header = e.Header with { At = arrivedAt } } : e;

    public bool Equals(EventsAccepted? other) => other is not null && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => Events.Count;
}
