using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Consoles: consoleId scopes tab ids and focus; attribution, gating, workspaces and closing stay in their
/// console; binding by record and the pending rules look across consoles; decisions carry consoleId, calls
/// ownerConsoleId; the snapshot shows each console.
/// </summary>
public class ConsoleSpecs
{
    private readonly RuleTape _tape = new();

    /// <summary>Two console windows of one session, both numbering their tabs from ctab0.</summary>
    private void TwoWindows()
    {
        _tape.Feed(
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0","recordId":"001A","objectType":"Account"}""",
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0","recordId":"003B","objectType":"Contact"}""",
            """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0"}""");
    }

    [Fact]
    public void Consoles_the_same_tab_id_in_two_consoles_is_two_tabs()
    {
        TwoWindows();
        var consoles = _tape.Snapshot.Consoles;
        Assert.Equal(["w-a", "w-b"], consoles.Select(c => c.ConsoleId));
        Assert.Equal("001A", Assert.Single(consoles[0].Tabs).Record!.RecordId);
        Assert.Equal("003B", Assert.Single(consoles[1].Tabs).Record!.RecordId);
        Assert.All(consoles, c => Assert.Equal("ctab0", c.FocusedTabId));
    }

    [Fact]
    public void Consoles_events_without_console_id_belong_to_the_default_console_reported_as_null()
    {
        TwoWindows();
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""").Is("applied").InConsole(null).OnTab("ctab0");
        Assert.Equal([null, "w-a", "w-b"], _tape.Snapshot.Consoles.Select(c => c.ConsoleId));
        Assert.Null(_tape.Snapshot.Consoles[0].FocusedTabId);
    }

    [Fact]
    public void Consoles_every_decision_carries_the_event_console_id()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-b","type":"tabRefreshed","tabId":"ctab0"}""").Is("ignored", "no-active-call").InConsole("w-b").OnTab("ctab0");
        _tape.Feed("""{"consoleId":"w-a","type":"tabClosed","tabId":"ctab9"}""").Is("ignored", "unknown-tab").InConsole("w-a");
        _tape.Feed("""{"consoleId":"w-a","type":"tabClosed"}""").Is("rejected", "invalid-event").InConsole("w-a").Lists();
    }

    [Fact]
    public void Consoles_focus_is_kept_per_console()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab1"}""", """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab1"}""");
        Assert.Equal("ctab1", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-a").FocusedTabId);
        Assert.Equal("ctab0", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-b").FocusedTabId);

        // A navigation item focused in one window leaves the other window's focus alone.
        _tape.Feed("""{"consoleId":"w-b","type":"tabFocused"}""").Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Equal("ctab1", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-a").FocusedTabId);
    }

    [Fact]
    public void Consoles_a_navigation_without_tab_id_is_attributed_to_its_own_console_focused_tab()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab1"}""", """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed("""{"consoleId":"w-b","type":"navigationChanged","url":"/r/500X","recordId":"500X"}""").OnTab("ctab0").InConsole("w-b");
        Assert.Equal("500X", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-b").Tabs[0].Record!.RecordId);
        Assert.Equal("001A", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-a").Tabs[0].Record!.RecordId);
    }

    [Fact]
    public void Consoles_a_tab_showing_the_record_in_another_console_does_not_attract_the_navigation()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab1"}""", """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab1"}""");
        // w-b's ctab0 shows 003B, but the navigation is in w-a: its focused tab takes it.
        _tape.Feed("""{"consoleId":"w-a","type":"navigationChanged","url":"/r/003B","recordId":"003B"}""").OnTab("ctab1");
    }

    [Fact]
    public void Consoles_a_click_without_tab_id_is_attributed_to_its_console_focused_tab_and_binds_there()
    {
        TwoWindows();
        _tape.Feed($$"""{"consoleId":"w-b","type":"clickToDial","number":"5550100","at":"{{At(0)}}"}""").Is("applied").OnTab("ctab0").InConsole("w-b");
        _tape.Feed($$"""{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","at":"{{At(1)}}"}""")
            .Is("applied", "bound-by-click-to-dial").InConsole("w-a").OnTab(null).Lists(Call("c1", "ringing", "ctab0", "w-b"));
        Assert.Equal("w-b", _tape.Call("c1").OwnerConsoleId);
    }

    [Fact]
    public void Consoles_a_call_naming_a_tab_binds_to_that_tab_of_its_own_console()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-b","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""")
            .Is("applied", "bound-by-tab").Lists(Call("c1", "ringing", "ctab0", "w-b"));
        Assert.Equal(["003B"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Consoles_a_named_tab_open_only_in_another_console_does_not_bind()
    {
        _tape.Feed("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab5"}""");
        _tape.Feed("""{"consoleId":"w-b","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab5"}""")
            .Is("applied", "pending-owner").OnTab("ctab5").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void Consoles_binding_by_record_at_start_looks_at_every_console()
    {
        TwoWindows();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").InConsole(null).Lists(Call("c1", "ringing", "ctab0", "w-b"));
    }

    [Fact]
    public void Consoles_binding_by_record_ranks_tabs_across_consoles_by_most_recent_focus()
    {
        _tape.Feed(
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0"}""",
            """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0", "w-a"));
        _tape.Feed("""{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0", "w-a"), Call("c2", "ringing", "ctab0", "w-b"));
    }

    [Fact]
    public void Consoles_binding_by_record_ranks_never_focused_tabs_across_consoles_by_creation()
    {
        _tape.Feed(
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0","recordId":"003B"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0", "w-a"));
    }

    [Fact]
    public void Consoles_binding_by_record_puts_a_primary_tab_of_any_console_before_a_subtab()
    {
        _tape.Feed(
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0"}""",
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"003B"}""",
            """{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0", "w-b"));
    }

    [Fact]
    public void Consoles_a_pending_call_is_bound_by_a_record_tab_in_any_console()
    {
        TwoWindows();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"500C"}""").Is("applied", "pending-owner");
        _tape.Feed("""{"consoleId":"w-b","type":"tabCreated","tabId":"ctab7","recordId":"500C"}""")
            .Is("applied", "bound-by-record").InConsole("w-b").Lists(Call("c1", "ringing", "ctab7", "w-b"));
    }

    [Fact]
    public void Consoles_a_pending_call_is_popped_by_a_tab_created_in_any_console()
    {
        TwoWindows();
        _tape.Feed($$"""{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{"consoleId":"w-b","type":"tabCreated","tabId":"ctab3","at":"{{At(2)}}"}""")
            .Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab3", "w-b"));
    }

    [Fact]
    public void Consoles_a_claim_names_a_tab_of_its_own_console()
    {
        TwoWindows();
        _tape.Feed("""{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-b","type":"callClaimed","callId":"c1","tabId":"ctab0"}""")
            .Is("applied", "bound-by-claim").Lists(Call("c1", "ringing", "ctab0", "w-b"));
        _tape.Feed("""{"consoleId":"w-b","type":"callClaimed","callId":"c1","tabId":"ctab1"}""").Is("ignored", "unknown-tab");
    }

    [Fact]
    public void Consoles_the_workspace_of_a_call_lies_in_the_owner_console_only()
    {
        TwoWindows();
        _tape.Feed(
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-a","type":"navigationChanged","url":"/r/500A","recordId":"500A","tabId":"ctab0_1"}""").Is("applied");
        _tape.Feed("""{"consoleId":"w-b","type":"navigationChanged","url":"/r/500B","recordId":"500B","tabId":"ctab0_1"}""")
            .Is("ignored", "not-call-active-tab").OnTab("ctab0_1");
        _tape.Feed("""{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0"}""").Is("ignored", "not-call-active-tab");
        _tape.Feed("""{"consoleId":"w-a","type":"tabFocused","currentTabId":"ctab0_1"}""").Is("applied");
        Assert.Equal(["001A", "500A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Consoles_closing_a_tab_closes_it_in_its_console_only()
    {
        TwoWindows();
        _tape.Feed(
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-a","type":"tabClosed","tabId":"ctab0"}""").Is("applied", null).Lists(Call("c1", "ringing", "ctab0", "w-b"));
        Assert.DoesNotContain(_tape.Snapshot.Consoles, c => c.ConsoleId == "w-a");
        Assert.Equal("ctab0", _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-b").FocusedTabId);
        _tape.Feed("""{"consoleId":"w-b","type":"tabClosed","tabId":"ctab0"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", null));
        Assert.Null(_tape.Call("c1").OwnerConsoleId);
    }

    [Fact]
    public void Consoles_a_closed_subtab_call_moves_to_its_primary_in_the_same_console()
    {
        TwoWindows();
        _tape.Feed(
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""");
        _tape.Feed("""{"consoleId":"w-b","type":"tabClosed","tabId":"ctab0_1"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", "ctab0", "w-b"));
    }

    [Fact]
    public void Consoles_the_call_view_names_the_owner_console_and_its_primary_tab()
    {
        TwoWindows();
        _tape.Feed(
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""");
        var view = _tape.Call("c1");
        Assert.Equal(("ctab0_1", "w-b", "ctab0"), (view.OwnerTabId, view.OwnerConsoleId, view.OwnerPrimaryTabId));
    }

    [Fact]
    public void Consoles_session_ended_clears_every_console_and_ends_calls_owned_in_any()
    {
        TwoWindows();
        _tape.Feed(
            """{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"callStarted","callId":"c2","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-a","type":"sessionEnded"}""").Is("applied")
            .Lists(Call("c1", "ended", "ctab0", "w-a"), Call("c2", "ended", "ctab0", "w-b"));
        Assert.Empty(_tape.Snapshot.Consoles);
    }

    [Fact]
    public void Consoles_a_duplicate_or_stale_decision_echoes_the_console_and_attribution()
    {
        TwoWindows();
        _tape.Feed("""{"eventId":"n1","consoleId":"w-b","seq":5,"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""").OnTab("ctab0");
        _tape.Feed("""{"eventId":"n1","consoleId":"w-b","type":"navigationChanged","url":"/r/003B","recordId":"003B"}""")
            .Is("duplicate").InConsole("w-b").OnTab("ctab0");
        _tape.Feed("""{"eventId":"n2","consoleId":"w-b","seq":4,"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""")
            .Is("stale").InConsole("w-b").OnTab("ctab0");
    }
}
