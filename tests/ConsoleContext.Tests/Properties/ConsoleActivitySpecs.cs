using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Rules;
using FsCheck.Xunit;
using Xunit;

namespace ConsoleContext.Tests.Properties;

/// <summary>
/// Invariants of the rules over generated console activity: 1-2 sessions, up to three consoles, reloading bridge streams,
/// record-id forms and person-account aliases, adoption, re-offered calls, replays, stale seqs and bad lines.
/// </summary>
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
                Assert.Equal((e.EventId, e.SessionId, e.Type, e.Header.ConsoleId),
                    (outcome.Decision.EventId, outcome.Decision.SessionId, outcome.Decision.Type, outcome.Decision.ConsoleId));
            else
                Assert.Equal(Outcomes.Rejected, outcome.Decision.Outcome);
            Assert.Contains(outcome.Decision.Outcome, new[] { Outcomes.Applied, Outcomes.Ignored, Outcomes.Duplicate, Outcomes.Stale, Outcomes.Rejected });
            Assert.Equal(outcome.Decision.Outcome == Outcomes.Rejected, outcome.Decision.Error is not null);
            if (outcome.Decision.Outcome == Outcomes.Rejected)
                Assert.Equal((null, 0), (outcome.Decision.TabId, outcome.Decision.Calls.Count));
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

            // The decision lists every active call as the state now holds it (one owner each), plus the calls this event ended
            // with the owner they had then (unless the ended-call bound forgot one at once).
            var active = state.ActiveCallIds.Select(id => Summary(state.Calls[id]));
            Assert.Equal(active, calls.Where(c => c.State != CallStates.Ended));
            Assert.All(calls.Where(c => c.State == CallStates.Ended && state.Calls.ContainsKey(c.CallId)), c =>
                Assert.Equal(c, Summary(state.Calls[c.CallId])));

            var snapshotCalls = ConsoleContext.Queries.SessionViews.Snapshot(state).Calls;
            Assert.Equal(state.Calls.Count, snapshotCalls.Select(c => c.CallId).Distinct(StringComparer.Ordinal).Count());
        });
    }

    [Property]
    public void Owners_are_open_tabs_of_the_console_the_decision_names(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, _) =>
        {
            if (outcome.Session is not { } state)
                return;
            foreach (var call in outcome.Decision.Calls.Where(c => c.State != CallStates.Ended))
            {
                if (call.OwnerTabId is null)
                {
                    Assert.Null(call.OwnerConsoleId);
                    continue;
                }
                Assert.NotEqual(string.Empty, call.OwnerConsoleId);
                Assert.True(state.Tabs.ContainsKey(new TabKey(TabKey.ConsoleOf(call.OwnerConsoleId), call.OwnerTabId)),
                    $"after {outcome.Line.Json}: {call.CallId} is owned by {call.OwnerTabId} of console {call.OwnerConsoleId ?? "(default)"}, which has no such open tab");
            }
        });
    }

    [Property]
    public void Each_console_focused_tab_is_an_open_tab_of_that_console(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, sessions) =>
        {
            foreach (var state in sessions.Values)
            {
                foreach (var (console, tabId) in state.Focus)
                    Assert.True(state.Tabs.ContainsKey(new TabKey(console, tabId)), $"after {outcome.Line.Json}: {console}/{tabId} is focused but not open");
                Assert.All(state.Tabs.Values, tab =>
                    Assert.True(tab.ParentTabId is null || state.Tabs.ContainsKey(new TabKey(tab.Console, tab.ParentTabId)), $"{tab.Key} has no open parent"));
            }
        });
    }

    [Property]
    public void Duplicates_come_from_the_dedupe_memory_and_stale_events_from_their_own_stream_mark(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, _) =>
        {
            if (outcome is not { Event: { } e, Before: { } before })
                return;
            var decision = outcome.Decision;
            var seen = before.HasSeen(e.EventId);
            Assert.Equal(seen, decision.Outcome == Outcomes.Duplicate && decision.Reason is null);
            var mark = before.SeqMarkOf(e.Header.StreamId ?? string.Empty);
            var stale = !seen && e.Header.Seq is { } seq && mark is { } m && seq <= m;
            Assert.Equal(stale, decision.Outcome == Outcomes.Stale);
            // An accepted event with seq leaves its stream's mark at least that high (its stream is the most recently used).
            if (outcome.Changes.Count > 0 && e.Header.Seq is { } accepted)
                Assert.True(outcome.Session!.SeqMarkOf(e.Header.StreamId ?? string.Empty) >= accepted);
        });
    }

    [Property]
    public void A_state_event_for_a_call_never_started_adopts_it_in_the_state_it_names(ConsoleActivity activity)
    {
        // Checked right after each event: the session object moves on with the tape.
        ActivityRun.Play(activity, (outcome, _) =>
        {
            if (outcome is not { Event: ConsoleEvents.CallStateChanged e, Before: { } before } || e.EventType == EventTypes.CallEnded
                || before.Calls.ContainsKey(e.CallId) || outcome.Changes.Count == 0)
                return;
            var decision = outcome.Decision;
            Assert.Equal(Outcomes.Applied, decision.Outcome);
            Assert.Contains(decision.Reason, StartReasons);
            var call = outcome.Session!.Calls[e.CallId];
            Assert.Equal(e.EventType == EventTypes.CallHeld ? CallStates.Held : CallStates.Connected, call.State);
            Assert.Equal(e.Start?.CallType, call.CallType);
            Assert.Equal(e.EventType == EventTypes.CallConnected, call.ConnectedAt is not null);
            Assert.Single(decision.Calls, c => c.CallId == e.CallId);
        });
    }

    [Property]
    public void A_call_started_again_after_its_end_lives_again_only_when_later_and_not_replayed(ConsoleActivity activity)
    {
        ActivityRun.Play(activity, (outcome, _) =>
        {
            if (outcome is not { Event: ConsoleEvents.CallStarted e, Before: { } before } || outcome.Changes.Count == 0
                || !before.Calls.TryGetValue(e.CallId, out var old) || old.IsActive)
                return;
            var now = e.Header.At ?? outcome.Line.ArrivedAt;
            if (e.Replayed || now <= old.EndedAt)
            {
                outcome.Decision.Is(Outcomes.Ignored, Reasons.CallEnded);
                Assert.Equal(CallStates.Ended, outcome.Session!.Calls[e.CallId].State);
                return;
            }
            Assert.Contains(outcome.Decision.Reason, StartReasons);
            var call = outcome.Session!.Calls[e.CallId];
            Assert.Equal((CallStates.Ringing, now, e.CallType), (call.State, call.StartedAt, call.CallType));
            Assert.Null(call.ConnectedAt);
        });
    }

    [Property]
    public void Selection_moves_calls_only_to_a_new_tab_opened_with_a_record(ConsoleActivity activity)
    {
        foreach (var outcome in ActivityRun.Play(activity))
        {
            if (outcome.Decision.Reason != Reasons.BoundBySelection)
                continue;
            var created = Assert.IsType<ConsoleEvents.TabCreated>(outcome.Event);
            Assert.NotNull(created.Record);
            Assert.Null(outcome.Before!.Tab(new TabKey(TabKey.ConsoleOf(created.Header.ConsoleId), created.TabId)));
        }
    }

    [Property]
    public void Under_small_limits_every_bound_holds_after_every_event_and_refusals_name_the_limit(ConsoleActivity activity)
    {
        var small = OwnershipSettings.Default with
        {
            DedupeCapacity = 8, MaxEndedCalls = 2, MaxStreams = 2, MaxOpenTabs = 4, MaxConsoles = 2, MaxActiveCalls = 2, MaxClickIntents = 2,
        };
        ActivityRun.Play(activity, (outcome, sessions) =>
        {
            foreach (var state in sessions.Values)
            {
                Assert.InRange(state.SeenEventCount, 0, small.DedupeCapacity);
                Assert.InRange(state.EndedCallIds.Count, 0, small.MaxEndedCalls);
                Assert.InRange(state.Streams.Count, 0, small.MaxStreams);
                Assert.InRange(state.Tabs.Count, 0, small.MaxOpenTabs);
                Assert.InRange(state.TabsPerConsole.Count, 0, small.MaxConsoles);
                Assert.InRange(state.ActiveCallIds.Count, 0, small.MaxActiveCalls);
                Assert.InRange(state.ClickIntents.Count, 0, small.MaxClickIntents);
                Assert.Equal(state.Calls.Count, state.ActiveCallIds.Count + state.EndedCallIds.Count);
            }
            if (outcome.Event is not null && outcome.Decision.Outcome == Outcomes.Rejected)
            {
                Assert.Equal(outcome.StateBefore, outcome.StateAfterApply);
                Assert.Matches(@"\(limit (open-tabs|consoles|active-calls)\)$|would make tab", outcome.Decision.Error!);
            }
        }, small);
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

    private static readonly string[] StartReasons =
        [Reasons.BoundByTab, Reasons.BoundByClickToDial, Reasons.BoundByParentCall, Reasons.BoundByRecord, Reasons.PendingOwner];

    private static CallSummary Summary(CallState call) =>
        new(call.CallId, call.State, call.OwnerTabId, call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole));

    [Property]
    public void Decide_never_changes_the_state_it_reads(ConsoleActivity activity)
    {
        foreach (var outcome in ActivityRun.Play(activity))
            Assert.Equal(outcome.StateBefore, outcome.StateAfterDecide);
    }
}
