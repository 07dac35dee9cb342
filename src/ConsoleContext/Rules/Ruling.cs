using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>What the rules say about one event: the decision, and the changes that make it true.</summary>
public readonly record struct Ruling(Decision Decision, IReadOnlyList<SessionChange> Changes)
{
    /// <summary>True when the event is to be remembered (journaled): everything but duplicates by eventId, stale and rejected.</summary>
    public bool Accepted => Changes.Count > 0;
}
