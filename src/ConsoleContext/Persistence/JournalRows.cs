using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// Reads a session's journal rows and snapshots in every format ever written. Facts rows (<see cref="EventsDecided"/>)
/// are applied as recorded; input rows written before facts existed (<see cref="EventsAccepted"/>,
/// <see cref="EventAccepted"/>) are decided again, once, with the rules at hand.
/// </summary>
public static class JournalRows
{
    /// <summary>The canonical events of one row, whichever format it was written in; none for a row of another kind.</summary>
    public static IReadOnlyList<ConsoleEvent> EventsOf(object row) => row switch
    {
        EventsDecided entry => [.. entry.Facts.Select(f => f.Event)],
        EventsAccepted entry => entry.Events,
        EventAccepted entry => [entry.Event],
        _ => [],
    };

    /// <summary>
    /// Applies one row to <paramref name="state"/>, fact by fact, and returns the facts in order.
    /// <paramref name="beforeApply"/> sees each fact with the state just before its changes.
    /// </summary>
    public static IReadOnlyList<DecidedFact> Apply(object row, SessionState state, OwnershipRules rules, Action<SessionState, DecidedFact>? beforeApply = null)
    {
        if (row is EventsDecided decided)
        {
            foreach (var fact in decided.Facts)
            {
                beforeApply?.Invoke(state, fact);
                OwnershipRules.Apply(state, fact.Changes);
            }
            return decided.Facts;
        }
        var events = EventsOf(row);
        var facts = new List<DecidedFact>(events.Count);
        foreach (var e in events)
        {
            var ruling = rules.Decide(state, e, e.Header.At!.Value);
            var fact = new DecidedFact(e, ruling.Decision, ruling.Changes);
            beforeApply?.Invoke(state, fact);
            OwnershipRules.Apply(state, fact.Changes);
            facts.Add(fact);
        }
        return facts;
    }

    /// <summary>The rules' state held by a snapshot of any version.</summary>
    /// <exception cref="ArgumentException">Not a session snapshot.</exception>
    public static SessionStateData StateOf(object snapshot) => snapshot switch
    {
        SessionSnapshotData s => s.State,
        SessionStateData s => s,
        _ => throw new ArgumentException($"{snapshot.GetType()} is not a session snapshot", nameof(snapshot)),
    };
}
