using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using FsCheck.Xunit;
using Xunit;

namespace ConsoleContext.Tests.Properties;

/// <summary>Invariants of the rules over generated console activity (1-2 sessions, replays, stale seqs, bad lines).</summary>
[Properties(MaxTest = 200, Arbitrary = [typeof(ConsoleActivityArbitrary)])]
public class ConsoleActivitySpecs
{
    [Property]
    public void Every_line_gets_exactly_one_decision_that_echoes_it(ConsoleActivity activity)
    {
        var lines = activity.Lines();
        var outcomes = ActivityRun.Play(activity);

        Assert.Equal(lines.Count, outcomes.Count);
        foreach (var (line, outcome) in lines.Zip(outcomes))
        {
            Assert.Equal(line, outcome.Line);
            var parsed = ConsoleContext.Parsing.ConsoleEventParser.Parse(line.Json);
            if (parsed.Event is { } e)
                Assert.Equal((e.EventId, e.SessionId, e.Type), (outcome.Decision.EventId, outcome.Decision.SessionId, outcome.Decision.Type));
            else
                Assert.Equal(Outcomes.Rejected, outcome.Decision.Outcome);
            Assert.Contains(outcome.Decision.Outcome, new[] { Outcomes.Applied, Outcomes.Ignored, Outcomes.Duplicate, Outcomes.Stale, Outcomes.Rejected });
            Assert.Equal(outcome.Decision.Outcome == Outcomes.Rejected, outcome.Decision.Error is not null);
        }
    }

    [Property]
    public void After_every_event_no_active_call_is_owned_by_a_tab_that_is_not_open(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, sessions) =>
        {
            foreach (var state in sessions.Values)
            {
                foreach (var callId in state.ActiveCallIds)
                {
                    var owner = state.Calls[callId].Owner;
                    Assert.True(owner is null || state.Tabs.ContainsKey(owner.Value),
                        $"after {outcome.Line.Json}: active call {callId} of {state.SessionId} is owned by {owner}, which is not open");
                }
            }
        });
    }

    [Property]
    public void Each_call_is_listed_once_with_one_owner_and_decisions_match_the_state(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, _) =>
        {
            var calls = outcome.Decision.Calls;
            Assert.Equal(calls.Count, calls.Select(c => c.CallId).Distinct(StringComparer.Ordinal).Count());
            if (outcome.Session is not { } state || outcome.Decision.Outcome == Outcomes.Rejected)
                return;

            // The decision lists every active call as the state now holds it (one owner each), plus the calls this event ended.
            var active = state.ActiveCallIds.Select(id => state.Calls[id]).Select(c => new CallSummary(c.CallId, c.State, c.OwnerTabId));
            Assert.Equal(active, calls.Where(c => c.State != CallStates.Ended));
            Assert.All(calls.Where(c => c.State == CallStates.Ended), c =>
                Assert.Equal(c, new CallSummary(c.CallId, state.Calls[c.CallId].State, state.Calls[c.CallId].OwnerTabId)));

            var snapshotCalls = ConsoleContext.Queries.SessionViews.Snapshot(state).Calls;
            Assert.Equal(state.Calls.Count, snapshotCalls.Select(c => c.CallId).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Property]
    public void Replaying_the_same_tape_gives_the_same_decisions(ConsoleActivity activity)
    {
        var first = ActivityRun.Play(activity).Select(o => DecisionJson.Serialize(o.Decision));
        var second = ActivityRun.Play(activity).Select(o => DecisionJson.Serialize(o.Decision));
        Assert.Equal(first, second);
    }

    [Property]
    public void Duplicates_stale_and_rejected_events_change_nothing(ConsoleActivity activity)
    {
        foreach (var outcome in ActivityRun.Play(activity))
        {
            var decision = outcome.Decision;
            var unchanged = decision.Outcome is Outcomes.Stale or Outcomes.Rejected
                || (decision.Outcome == Outcomes.Duplicate && decision.Reason is null);
            if (unchanged)
            {
                Assert.Empty(outcome.Changes);
                Assert.Equal(outcome.StateBefore, outcome.StateAfterApply);
            }
            else if (decision.Reason == Reasons.ReplayedCall)
            {
                // A replayed call is remembered (eventId, seq mark) and nothing else.
                Assert.Equal(Outcomes.Duplicate, decision.Outcome);
                Assert.IsType<SessionChanges.EventRecorded>(Assert.Single(outcome.Changes));
            }
        }
    }

    [Property]
    public void Decide_never_changes_the_state_it_reads(ConsoleActivity activity)
    {
        foreach (var outcome in ActivityRun.Play(activity))
            Assert.Equal(outcome.StateBefore, outcome.StateAfterDecide);
    }
}
