using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Rules;

namespace ConsoleContext.Tests.Properties;

/// <summary>What happened to one tape line: its decision, the ruling's changes and the session state around it.</summary>
/// <param name="Event">The parsed event; null for a line the parser rejected.</param>
/// <param name="Before">A copy of the session's state before the event (through its snapshot data); null for a rejected line.</param>
public sealed record StepOutcome(
    TapeLine Line,
    Decision Decision,
    SessionState? Session,
    IReadOnlyList<SessionChange> Changes,
    string? StateBefore,
    string? StateAfterDecide,
    string? StateAfterApply,
    ConsoleEvent? Event = null,
    SessionState? Before = null);

/// <summary>Plays a generated tape through the parser and the pure rules, as the session actors would, without actors.</summary>
public static class ActivityRun
{
    public static IReadOnlyList<StepOutcome> Play(
        ConsoleActivity activity, Action<StepOutcome, IReadOnlyDictionary<string, SessionState>>? afterEach = null, OwnershipSettings? settings = null)
    {
        var rules = new OwnershipRules(settings ?? OwnershipSettings.Default);
        var sessions = new Dictionary<string, SessionState>(StringComparer.Ordinal);
        var outcomes = new List<StepOutcome>();
        foreach (var line in activity.Lines())
        {
            var parsed = ConsoleEventParser.Parse(line.Json);
            StepOutcome outcome;
            if (parsed.Event is not { } e)
            {
                outcome = new StepOutcome(line, parsed.Rejection!, null, [], null, null, null);
            }
            else
            {
                if (!sessions.TryGetValue(e.SessionId, out var state))
                    sessions[e.SessionId] = state = rules.NewState(e.SessionId);
                var copy = SessionState.FromData(state.ToData(), rules.Settings);
                var before = RuleTape.Dump(state);
                var ruling = rules.Decide(state, e, line.ArrivedAt);
                var afterDecide = RuleTape.Dump(state);
                OwnershipRules.Apply(state, ruling.Changes);
                outcome = new StepOutcome(line, ruling.Decision, state, ruling.Changes, before, afterDecide, RuleTape.Dump(state), e, copy);
            }
            outcomes.Add(outcome);
            afterEach?.Invoke(outcome, sessions);
        }
        return outcomes;
    }
}
