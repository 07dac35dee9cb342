using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R11 bounded memory, with small settings so the bounds are reached: the dedupe memory (first in, first out), ended
/// calls (retention and count), and the open-tabs, consoles and active-calls limits (rejected, naming the limit,
/// nothing changed, checked after the duplicate and stale checks); click intents on closed or re-created tabs.
/// </summary>
public class BoundedMemorySpecs
{
    private static string Tab(string eventId, string tabId, string? console = null) =>
        "{\"eventId\":\"" + eventId + "\"," + (console is null ? "" : $"\"consoleId\":\"{console}\",") + $"\"type\":\"tabCreated\",\"tabId\":\"{tabId}\"}}";

    private static string Start(string callId, double seconds, string extra = "") =>
        $$"""{"type":"callStarted","callId":"{{callId}}","callType":"inbound"{{extra}},"at":"{{At(seconds)}}"}""";

    private static string End(string callId, double seconds) => $$"""{"type":"callEnded","callId":"{{callId}}","at":"{{At(seconds)}}"}""";

    private static string Connect(string callId, double seconds) => $$"""{"type":"callConnected","callId":"{{callId}}","at":"{{At(seconds)}}"}""";

    private static RuleTape TapeWith(Func<OwnershipSettings, OwnershipSettings> change) => new(change(OwnershipSettings.Default));

    /// <summary>Decides the line and checks it was refused for the limit without changing anything.</summary>
    private static void RefusedForLimit(RuleTape tape, string line, string limit)
    {
        var before = Dump(tape.State);
        var decision = tape.Feed(line).Is("rejected", "invalid-event").OnTab(null).Lists();
        Assert.Contains($"(limit {limit})", decision.Error);
        Assert.Equal(before, Dump(tape.State));
    }

    // ---- dedupe memory ----

    [Fact]
    public void R11_the_dedupe_memory_forgets_the_oldest_id_at_capacity_and_it_is_decided_afresh()
    {
        var tape = TapeWith(s => s with { DedupeCapacity = 3 });
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"), Tab("e3", "ctab3"));
        tape.Feed(Tab("e1", "ctab1")).Is("duplicate");
        tape.Feed(Tab("e4", "ctab4")).Is("applied");
        Assert.Equal(3, tape.State.SeenEventCount);

        tape.Feed("""{"eventId":"e2","type":"tabClosed","tabId":"ctab2"}""").Is("duplicate");
        tape.Feed("""{"eventId":"e1","type":"tabClosed","tabId":"ctab1"}""").Is("applied");
        Assert.DoesNotContain("ctab1", tape.State.DefaultTabs.Keys);
    }

    [Fact]
    public void R11_a_duplicate_does_not_refresh_its_id()
    {
        var tape = TapeWith(s => s with { DedupeCapacity = 2 });
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"));
        tape.Feed(Tab("e1", "ctab1")).Is("duplicate");
        tape.Feed(Tab("e3", "ctab3"));
        // Had the duplicate refreshed e1, e2 would have been forgotten instead.
        tape.Feed(Tab("e2", "ctab2")).Is("duplicate");
        tape.Feed(Tab("e1", "ctab9")).Is("applied");
    }

    [Fact]
    public void R11_stale_and_rejected_events_push_no_id_out_and_replayed_calls_do()
    {
        var tape = TapeWith(s => s with { DedupeCapacity = 2 });
        tape.Feed("""{"eventId":"e1","seq":5,"type":"tabCreated","tabId":"ctab1"}""", """{"eventId":"e2","seq":6,"type":"callStarted","callId":"c1","callType":"inbound"}""");
        tape.Feed("""{"eventId":"s1","seq":4,"type":"tabCreated","tabId":"ctab2"}""").Is("stale");
        tape.Feed("""{"eventId":"r1","type":"tabCreated"}""").Is("rejected", "invalid-event");
        tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab1"}""").Is("duplicate");
        tape.Feed("""{"eventId":"d1","type":"callStarted","callId":"c1","callType":"inbound"}""").Is("duplicate", "replayed-call");
        tape.Feed("""{"eventId":"e1","type":"agentStatusChanged","status":"Away"}""").Is("applied");
    }

    [Fact]
    public void R11_an_old_id_with_seq_that_comes_back_is_stale()
    {
        var tape = TapeWith(s => s with { DedupeCapacity = 1 });
        tape.Feed("""{"eventId":"e1","seq":1,"type":"tabCreated","tabId":"ctab1"}""", """{"eventId":"e2","seq":2,"type":"tabCreated","tabId":"ctab2"}""");
        tape.Feed("""{"eventId":"e1","seq":1,"type":"tabCreated","tabId":"ctab1"}""").Is("stale");
        tape.Feed("""{"eventId":"e2","seq":2,"type":"tabCreated","tabId":"ctab2"}""").Is("duplicate");
    }

    [Fact]
    public void R11_the_dedupe_memory_never_holds_more_than_its_capacity()
    {
        var tape = TapeWith(s => s with { DedupeCapacity = 50 });
        for (var i = 0; i < 500; i++)
            tape.Feed($$"""{"eventId":"ev-{{i}}","type":"agentStatusChanged","status":"Available"}""");
        Assert.Equal(50, tape.State.SeenEventCount);
        Assert.Equal(50, tape.Snapshot.EventsSeen);
        tape.Feed("""{"eventId":"ev-450","type":"agentStatusChanged","status":"Busy"}""").Is("duplicate");
        tape.Feed("""{"eventId":"ev-449","type":"agentStatusChanged","status":"Busy"}""").Is("applied");
    }

    [Fact]
    public void R11_by_default_the_last_10000_event_ids_are_remembered()
    {
        var rules = OwnershipRules.Default;
        var state = rules.NewState(Session);
        void Feed(int i) => OwnershipRules.Apply(state, rules.Decide(state, Event(i), T0).Changes);
        ConsoleContext.Protocol.ConsoleEvent Event(int i) =>
            ConsoleContext.Parsing.ConsoleEventParser.Parse($$"""{"eventId":"ev-{{i}}","sessionId":"agent-1","type":"agentStatusChanged","status":"Available"}""").Event!;

        for (var i = 0; i <= 10_000; i++)
            Feed(i);
        Assert.Equal(10_000, state.SeenEventCount);
        Assert.Equal("applied", rules.Decide(state, Event(0), T0).Decision.Outcome);
        Assert.Equal("duplicate", rules.Decide(state, Event(1), T0).Decision.Outcome);
    }

    // ---- ended calls ----

    [Fact]
    public void R11_an_ended_call_is_remembered_exactly_the_retention_and_forgotten_strictly_after()
    {
        var tape = new RuleTape();
        tape.Feed(Start("c1", 0), End("c1", 10));
        tape.Feed(Connect("c1", 10 + 24 * 3600)).Is("ignored", "call-ended");
        Assert.Single(tape.Snapshot.Calls);
        tape.Feed($$"""{"type":"agentStatusChanged","status":"Away","at":"{{At(10.001 + 24 * 3600)}}"}""").Is("applied");
        Assert.Empty(tape.Snapshot.Calls);
        tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab0"}""").Is("ignored", "unknown-call");
    }

    [Fact]
    public void R11_a_forgotten_call_is_unknown_again_so_a_state_event_adopts_it()
    {
        var tape = TapeWith(s => s with { EndedCallRetention = TimeSpan.FromMinutes(1) });
        tape.Feed(Start("c1", 0, ""","tabId":"ctab0" """), End("c1", 10));
        tape.Feed(Connect("c1", 70.001)).Is("applied", "pending-owner").Lists(Call("c1", "connected", null));
        Assert.Null(tape.Call("c1").CallType);
    }

    [Fact]
    public void R11_the_retention_comes_from_the_settings()
    {
        var tape = TapeWith(s => s with { EndedCallRetention = TimeSpan.FromMinutes(1) });
        tape.Feed(Start("c1", 0), End("c1", 10));
        tape.Feed(Connect("c1", 70)).Is("ignored", "call-ended");
        tape.Feed(Start("c2", 70.001)).Is("applied", "pending-owner");
        Assert.Equal(["c2"], tape.Snapshot.Calls.Select(c => c.CallId));
    }

    [Fact]
    public void R11_duplicate_and_stale_events_forget_nothing()
    {
        var tape = TapeWith(s => s with { EndedCallRetention = TimeSpan.FromMinutes(1) });
        tape.Feed("""{"eventId":"x","seq":5,"type":"tabCreated","tabId":"ctab0"}""", Start("c1", 0), End("c1", 10));
        tape.Feed($$"""{"eventId":"x","type":"tabCreated","tabId":"ctab0","at":"{{At(500)}}"}""").Is("duplicate");
        tape.Feed($$"""{"seq":5,"type":"tabCreated","tabId":"ctab0","at":"{{At(500)}}"}""").Is("stale");
        Assert.Single(tape.Snapshot.Calls);
    }

    [Fact]
    public void R11_session_ended_keeps_the_ended_calls()
    {
        var tape = new RuleTape();
        tape.Feed(Start("c1", 0), End("c1", 1), Start("c2", 2));
        tape.Feed($$"""{"type":"sessionEnded","at":"{{At(3)}}"}""").Lists(Call("c2", "ended", null));
        Assert.Equal(["c1", "c2"], tape.Snapshot.Calls.Select(c => c.CallId));
        tape.Feed(Connect("c1", 4)).Is("ignored", "call-ended");
    }

    [Fact]
    public void R11_past_the_ended_call_limit_the_earliest_ended_is_forgotten()
    {
        var tape = TapeWith(s => s with { MaxEndedCalls = 2 });
        tape.Feed(Start("c1", 0), Start("c2", 1), Start("c3", 2));
        tape.Feed(End("c2", 10), End("c1", 11));
        tape.Feed(End("c3", 12)).Is("applied").Lists(Call("c3", "ended", null));
        Assert.Equal(["c1", "c3"], tape.Snapshot.Calls.Select(c => c.CallId));
        tape.Feed(Connect("c2", 13)).Is("applied", "pending-owner");
        tape.Feed(Connect("c1", 13)).Is("ignored", "call-ended");
    }

    [Fact]
    public void R11_the_earliest_ended_is_decided_by_end_time_not_by_arrival()
    {
        var tape = TapeWith(s => s with { MaxEndedCalls = 2 });
        tape.Feed(Start("c1", 0), Start("c2", 1), Start("c3", 2));
        tape.Feed(End("c1", 20), End("c2", 30), End("c3", 10));
        Assert.Equal(["c1", "c2"], tape.Snapshot.Calls.Select(c => c.CallId));
    }

    [Fact]
    public void R11_the_ended_call_limit_holds_after_every_event()
    {
        var tape = TapeWith(s => s with { MaxEndedCalls = 3 });
        for (var i = 0; i < 20; i++)
        {
            tape.Feed(Start($"c{i}", i * 10), End($"c{i}", i * 10 + 5));
            Assert.True(tape.State.EndedCallIds.Count <= 3, $"{tape.State.EndedCallIds.Count} ended calls remembered");
            Assert.Equal(tape.State.Calls.Count, tape.State.EndedCallIds.Count);
        }
        Assert.Equal(["c17", "c18", "c19"], tape.State.EndedCallIds);
    }

    // ---- open tabs ----

    [Fact]
    public void R11_a_tab_beyond_the_open_tabs_limit_is_rejected_naming_the_limit()
    {
        var tape = TapeWith(s => s with { MaxOpenTabs = 3 });
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"), Tab("e3", "ctab3"));
        RefusedForLimit(tape, Tab("e4", "ctab4"), "open-tabs");
        RefusedForLimit(tape, """{"type":"tabFocused","currentTabId":"ctab4"}""", "open-tabs");
        RefusedForLimit(tape, """{"type":"tabReplaced","tabId":"ctab4","recordId":"001A"}""", "open-tabs");
        RefusedForLimit(tape, """{"type":"navigationChanged","url":"/r/1","tabId":"ctab4"}""", "open-tabs");
        // The rejected line was not remembered: sent again once there is room, it is decided afresh.
        tape.Feed("""{"type":"tabClosed","tabId":"ctab3"}""");
        tape.Feed(Tab("e4", "ctab4")).Is("applied");
    }

    [Fact]
    public void R11_a_subtab_whose_missing_parent_would_also_be_created_counts_both()
    {
        var tape = TapeWith(s => s with { MaxOpenTabs = 3 });
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"));
        RefusedForLimit(tape, """{"type":"tabCreated","tabId":"ctab9_1","parentTabId":"ctab9"}""", "open-tabs");
        tape.Feed("""{"type":"tabCreated","tabId":"ctab2_1","parentTabId":"ctab2"}""").Is("applied");
    }

    [Fact]
    public void R11_a_re_created_tab_is_not_a_new_tab()
    {
        var tape = TapeWith(s => s with { MaxOpenTabs = 2 });
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"));
        tape.Feed("""{"type":"tabCreated","tabId":"ctab2","parentTabId":"ctab1","recordId":"001A"}""").Is("applied");
        tape.Feed("""{"type":"tabFocused","currentTabId":"ctab2"}""").Is("ignored", "no-active-call");
        tape.Feed("""{"type":"tabReplaced","tabId":"ctab1","recordId":"001B"}""").Is("ignored", "no-active-call");
    }

    [Fact]
    public void R11_limits_are_checked_after_the_duplicate_and_stale_checks()
    {
        var tape = TapeWith(s => s with { MaxOpenTabs = 1 });
        tape.Feed("""{"eventId":"e1","seq":3,"type":"tabCreated","tabId":"ctab1"}""");
        tape.Feed("""{"eventId":"e1","seq":4,"type":"tabCreated","tabId":"ctab2"}""").Is("duplicate");
        tape.Feed("""{"eventId":"e2","seq":3,"type":"tabCreated","tabId":"ctab2"}""").Is("stale");
        tape.Feed("""{"eventId":"e3","seq":4,"type":"tabCreated","tabId":"ctab2"}""").Is("rejected", "invalid-event");
        // The refused event raised no mark: seq 4 is still free.
        Assert.Equal(3, tape.State.SeqMark);
        tape.Feed("""{"eventId":"e4","seq":4,"type":"tabClosed","tabId":"ctab1"}""").Is("applied");
    }

    [Fact]
    public void R11_the_default_open_tabs_limit_is_500()
    {
        var tape = new RuleTape();
        for (var i = 0; i < 500; i++)
            tape.Feed(Tab($"e{i}", $"ctab{i}"));
        RefusedForLimit(tape, Tab("e500", "ctab500"), "open-tabs");
        Assert.Contains("500", tape.Feed(Tab("e501", "ctab501")).Error);
    }

    // ---- consoles ----

    [Fact]
    public void R11_a_tab_in_one_console_too_many_is_rejected_naming_the_limit()
    {
        var tape = TapeWith(s => s with { MaxConsoles = 2 });
        tape.Feed(Tab("e1", "ctab0"), Tab("e2", "ctab0", "w-a"));
        tape.Feed(Tab("e3", "ctab1", "w-a")).Is("applied");
        RefusedForLimit(tape, Tab("e4", "ctab0", "w-b"), "consoles");
        RefusedForLimit(tape, """{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0"}""", "consoles");
        // A navigation item focused in a new console opens no tab: it does not count.
        tape.Feed("""{"consoleId":"w-b","type":"tabFocused"}""").Is("ignored", "no-focused-tab");
        // A console counts only while it has an open tab.
        tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""");
        tape.Feed(Tab("e4", "ctab0", "w-b")).Is("applied");
    }

    [Fact]
    public void R11_the_default_consoles_limit_is_32()
    {
        var tape = new RuleTape();
        for (var i = 0; i < 32; i++)
            tape.Feed(Tab($"e{i}", "ctab0", $"w-{i}"));
        RefusedForLimit(tape, Tab("e32", "ctab0", "w-32"), "consoles");
        Assert.Contains("32", tape.Feed(Tab("e33", "ctab0", "w-33")).Error);
        tape.Feed(Tab("e34", "ctab1", "w-0")).Is("applied");
    }

    // ---- active calls ----

    [Fact]
    public void R11_a_call_beyond_the_active_calls_limit_is_rejected_naming_the_limit()
    {
        var tape = TapeWith(s => s with { MaxActiveCalls = 2 });
        tape.Feed(Start("c1", 0), Start("c2", 1));
        RefusedForLimit(tape, Start("c3", 2), "active-calls");
        RefusedForLimit(tape, Connect("c3", 2), "active-calls");
        RefusedForLimit(tape, """{"type":"callHeld","callId":"c3"}""", "active-calls");
        tape.Feed(Start("c2", 3)).Is("duplicate", "replayed-call");
        tape.Feed(End("c1", 4));
        tape.Feed(Start("c3", 5)).Is("applied", "pending-owner");
    }

    [Fact]
    public void R11_a_new_life_is_a_new_active_call()
    {
        var tape = TapeWith(s => s with { MaxActiveCalls = 1 });
        tape.Feed(Start("c1", 0), End("c1", 1), Start("c2", 2));
        RefusedForLimit(tape, Start("c1", 3), "active-calls");
        tape.Feed(End("c2", 4));
        tape.Feed(Start("c1", 5)).Is("applied", "pending-owner");
    }

    // ---- click intents ----

    [Fact]
    public void R11_click_intents_on_closed_tabs_are_forgotten()
    {
        var tape = new RuleTape();
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab2"),
            $$"""{"type":"clickToDial","number":"5550100","tabId":"ctab1","at":"{{At(0)}}"}""",
            $$"""{"type":"clickToDial","number":"5550199","tabId":"ctab2","at":"{{At(0)}}"}""");
        Assert.Equal(2, tape.State.ClickIntents.Count);
        tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""");
        Assert.Equal(["ctab2"], tape.State.ClickIntents.Select(c => c.TabId));
    }

    [Fact]
    public void R11_click_intents_on_re_created_tabs_are_forgotten()
    {
        var tape = new RuleTape();
        tape.Feed(Tab("e1", "ctab1"), $$"""{"type":"clickToDial","number":"5550100","tabId":"ctab1","at":"{{At(0)}}"}""");
        tape.Feed(Tab("e2", "ctab1"));
        Assert.Empty(tape.State.ClickIntents);
    }

    [Fact]
    public void R11_click_intents_in_another_console_survive_a_close_of_the_same_tab_id()
    {
        var tape = new RuleTape();
        tape.Feed(Tab("e1", "ctab1"), Tab("e2", "ctab1", "w-a"),
            $$"""{"consoleId":"w-a","type":"clickToDial","number":"5550100","tabId":"ctab1","at":"{{At(0)}}"}""");
        tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""");
        Assert.Single(tape.State.ClickIntents);
    }

    [Fact]
    public void R11_only_the_last_click_intents_are_kept()
    {
        var tape = TapeWith(s => s with { MaxClickIntents = 2 });
        tape.Feed(Tab("e1", "ctab1"));
        for (var i = 0; i < 5; i++)
            tape.Feed($$"""{"type":"clickToDial","number":"555010{{i}}","tabId":"ctab1","at":"{{At(i)}}"}""");
        Assert.Equal(["5550103", "5550104"], tape.State.ClickIntents.Select(c => c.Digits));
    }
}
