namespace ConsoleContext.Persistence;

/// <summary>
/// The journal entry since facts are journaled (manifest <c>events-decided.v1</c>, or <c>.v2</c> when a fact keeps its
/// <see cref="DecidedFact.AcceptedAt"/>): the facts of the events the session accepted, in order. One entry per journal
/// write: with group commit it holds every request decided while the session's previous entry was being written (one
/// request when the session is quiet; before group commit always one, like <see cref="EventsAccepted"/>). Recovery
/// applies the recorded changes, so a later change of the rules never changes what a recovered session believes.
/// </summary>
public sealed record EventsDecided(IReadOnlyList<DecidedFact> Facts) : IPersistedMessage
{
    public bool Equals(EventsDecided? other) => other is not null && Facts.SequenceEqual(other.Facts);

    public override int GetHashCode() => Facts.Count;
}
