namespace ConsoleContext.Persistence;

/// <summary>
/// The journal entry since facts are journaled (manifest <c>events-decided.v1</c>, or <c>.v2</c> when a fact keeps its
/// <see cref="DecidedFact.AcceptedAt"/>): the facts of the events one request
/// made the session accept, in order. One entry per request, like <see cref="EventsAccepted"/> before it; recovery
/// applies the recorded changes, so a later change of the rules never changes what a recovered session believes.
/// </summary>
public sealed record EventsDecided(IReadOnlyList<DecidedFact> Facts) : IPersistedMessage
{
    public bool Equals(EventsDecided? other) => other is not null && Facts.SequenceEqual(other.Facts);

    public override int GetHashCode() => Facts.Count;
}
