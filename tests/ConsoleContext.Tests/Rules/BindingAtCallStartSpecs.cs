using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>R1 rules 1-5: the owner a call gets when it starts.</summary>
public class BindingAtCallStartSpecs
{
    private readonly RuleTape _tape = new();

    private void TwoTabs()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A","objectType":"Account"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B","objectType":"Contact"}""");
    }

    private static string ClickAt(double seconds, string number, string tabId) =>
        $$"""{"type":"clickToDial","number":"{{number}}","tabId":"{{tabId}}","at":"{{At(seconds)}}"}""";

    private static string CallAt(double seconds, string callId, string number) =>
        $$"""{"type":"callStarted","callId":"{{callId}}","callType":"outbound","phoneNumber":"{{number}}","at":"{{At(seconds)}}"}""";

    // ---- rule 1: bound-by-tab ----

    [Fact]
    public void R1_1_a_call_naming_an_open_tab_is_bound_to_it()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""")
            .Is("applied", "bound-by-tab").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R1_1_the_named_tab_wins_over_a_matching_click_and_a_tab_showing_the_record()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "555 0100", "ctab1"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","recordId":"003B","tabId":"ctab0","at":"{{At(1)}}"}""")
            .Is("applied", "bound-by-tab").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["003B", "001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R1_1_a_named_tab_that_is_not_open_falls_through_to_the_next_rules_and_is_not_created()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","tabId":"ctab9"}""")
            .Is("applied", "bound-by-record").OnTab("ctab9").Lists(Call("c1", "ringing", "ctab1"));
        Assert.DoesNotContain(_tape.Snapshot.Tabs, t => t.TabId == "ctab9");
    }

    [Fact]
    public void R1_1_a_named_tab_that_was_closed_does_not_bind()
    {
        TwoTabs();
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""")
            .Is("applied", "pending-owner").Lists(Call("c1", "ringing", null));
    }

    // ---- rule 2: bound-by-click-to-dial ----

    [Fact]
    public void R1_2_a_call_to_the_number_just_clicked_is_bound_to_the_clicked_tab()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "+1 (555) 010-0100", "ctab1")).Is("applied").OnTab("ctab1");
        _tape.Feed(CallAt(5, "c1", "15550100100"))
            .Is("applied", "bound-by-click-to-dial").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_2_a_click_without_tab_id_is_attributed_to_the_focused_tab()
    {
        TwoTabs();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","at":"{{At(0)}}"}""").Is("applied").OnTab("ctab1");
        _tape.Feed(CallAt(1, "c1", "5550100")).Is("applied", "bound-by-click-to-dial").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_2_the_click_record_is_the_first_related_record_then_the_call_record()
    {
        TwoTabs();
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","recordId":"003C","objectType":"Contact","tabId":"ctab0","at":"{{At(0)}}"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","recordId":"500D","objectType":"Case","at":"{{At(1)}}"}""")
            .Is("applied", "bound-by-click-to-dial");
        Assert.Equal(["003C", "500D", "001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Theory]
    [InlineData("+1 555 123 4567", "1234567")]
    [InlineData("1234567", "+1 (555) 123-4567")]
    [InlineData("+44 20 7946 0018", "7946 0018")]
    [InlineData("555.0100", "555-0100")]
    [InlineData("12", "12")]
    public void R1_2_numbers_match_on_digits_equal_or_by_a_suffix_of_at_least_seven(string clicked, string called)
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, clicked, "ctab1"));
        _tape.Feed(CallAt(1, "c1", called)).Is("applied", "bound-by-click-to-dial");
    }

    [Theory]
    [InlineData("+1 555 123 4567", "234567")]
    [InlineData("5550100", "5550101")]
    [InlineData("15550100", "25550100")]
    [InlineData("anonymous", "private")]
    [InlineData("anonymous", "anonymous")]
    public void R1_2_numbers_that_do_not_match_do_not_bind(string clicked, string called)
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, clicked, "ctab1"));
        _tape.Feed(CallAt(1, "c1", called)).Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_2_a_call_without_phone_number_is_not_bound_by_a_click()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab1"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","at":"{{At(1)}}"}""").Is("applied", "pending-owner");
    }

    [Theory]
    [InlineData(0, "bound-by-click-to-dial")]
    [InlineData(30, "bound-by-click-to-dial")]
    [InlineData(60, "bound-by-click-to-dial")]
    [InlineData(60.001, "pending-owner")]
    [InlineData(3600, "pending-owner")]
    [InlineData(-0.001, "pending-owner")]
    [InlineData(-1, "pending-owner")]
    public void R1_2_the_click_to_dial_window_is_sixty_seconds_inclusive_and_never_backwards(double callAt, string reason)
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab1"));
        _tape.Feed(CallAt(callAt, "c1", "5550100")).Is("applied", reason);
    }

    [Theory]
    [InlineData(59, "bound-by-click-to-dial")]
    [InlineData(60, "bound-by-click-to-dial")]
    [InlineData(61, "pending-owner")]
    public void R1_2_without_at_the_window_is_measured_on_arrival_time(double callArrival, string reason)
    {
        TwoTabs();
        _tape.Feed("""{"type":"clickToDial","number":"5550100","tabId":"ctab1"}""");
        _tape.ArrivedAt = T0.AddSeconds(callArrival);
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100"}""").Is("applied", reason);
    }

    [Fact]
    public void R1_2_at_wins_over_arrival_time()
    {
        TwoTabs();
        _tape.ArrivedAt = T0.AddHours(1);
        _tape.Feed(ClickAt(0, "5550100", "ctab1"));
        _tape.Feed(CallAt(10, "c1", "5550100")).Is("applied", "bound-by-click-to-dial");
    }

    [Theory]
    [InlineData(5, "bound-by-click-to-dial")]
    [InlineData(5.001, "pending-owner")]
    public void R1_2_the_click_to_dial_window_comes_from_the_settings(double callAt, string reason)
    {
        var tape = new RuleTape(OwnershipSettings.Default with { ClickToDialWindow = TimeSpan.FromSeconds(5) });
        tape.Feed("""{"type":"tabCreated","tabId":"ctab1"}""", ClickAt(0, "5550100", "ctab1"));
        tape.Feed(CallAt(callAt, "c1", "5550100")).Is("applied", reason);
    }

    [Fact]
    public void R1_2_the_last_matching_click_received_wins()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab0"), ClickAt(1, "555 0100", "ctab1"));
        _tape.Feed(CallAt(2, "c1", "5550100")).Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_2_a_later_click_on_another_number_does_not_hide_the_matching_one()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab0"), ClickAt(1, "5550199", "ctab1"));
        _tape.Feed(CallAt(2, "c1", "5550100")).Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_2_a_click_whose_tab_was_closed_no_longer_binds_and_an_earlier_valid_click_still_does()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab0"), ClickAt(1, "5550100", "ctab1"), """{"type":"tabClosed","tabId":"ctab1"}""");
        _tape.Feed(CallAt(2, "c1", "5550100")).Is("applied", "bound-by-click-to-dial").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_2_a_click_whose_tab_was_recreated_no_longer_binds()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab1"), """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""");
        _tape.Feed(CallAt(2, "c1", "5550100")).Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_2_a_click_whose_tab_was_closed_and_reopened_no_longer_binds()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab1"), """{"type":"tabClosed","tabId":"ctab1"}""", """{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed(CallAt(2, "c1", "5550100")).Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_2_a_click_survives_its_tab_navigating_elsewhere()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab1"), """{"type":"tabReplaced","tabId":"ctab1","recordId":"500D"}""");
        _tape.Feed(CallAt(2, "c1", "5550100")).Is("applied", "bound-by-click-to-dial").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_2_a_click_on_a_tab_that_is_not_open_is_applied_but_never_binds()
    {
        _tape.Feed(ClickAt(0, "5550100", "ctab9")).Is("applied").OnTab("ctab9");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab9"}""");
        _tape.Feed(CallAt(1, "c1", "5550100")).Is("applied", "pending-owner");
        Assert.Empty(_tape.State.ClickIntents);
    }

    [Fact]
    public void R1_2_a_click_without_tab_and_without_focus_is_ignored_and_never_binds()
    {
        TwoTabs();
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","at":"{{At(0)}}"}""").Is("ignored", "no-focused-tab").OnTab(null);
        _tape.Feed(CallAt(1, "c1", "5550100")).Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_2_clicks_older_than_the_window_before_the_newest_click_are_forgotten()
    {
        TwoTabs();
        _tape.Feed(ClickAt(0, "5550100", "ctab0"), ClickAt(61, "5550199", "ctab1"));
        // The call's own time is inside the first click's window, but that click is gone.
        _tape.Feed(CallAt(30, "c1", "5550100")).Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_2_at_most_the_last_1000_clicks_are_kept()
    {
        TwoTabs();
        for (var i = 0; i < 1001; i++)
            _tape.Feed(ClickAt(i / 100.0, $"55{i:00000}", "ctab1"));
        Assert.Equal(1000, _tape.State.ClickIntents.Count);
        _tape.Feed(CallAt(10, "c1", "5500000")).Is("applied", "pending-owner");
        _tape.Feed(CallAt(10, "c2", "5500001")).Is("applied", "bound-by-click-to-dial");
    }

    [Fact]
    public void R1_2_a_click_wins_over_a_parent_call_and_a_record()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed(ClickAt(0, "5550100", "ctab1"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"consult","phoneNumber":"5550100","parentCallId":"c1","recordId":"001A","at":"{{At(1)}}"}""")
            .Is("applied", "bound-by-click-to-dial").Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", "ctab1"));
    }

    // ---- rule 3: bound-by-parent-call ----

    [Fact]
    public void R1_3_a_consult_call_is_bound_to_its_parent_owner_and_one_tab_owns_both()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1","recordId":"001A"}""")
            .Is("applied", "bound-by-parent-call").Lists(Call("c1", "ringing", "ctab1"), Call("c2", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_3_a_pending_parent_does_not_bind()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1"}""")
            .Is("applied", "pending-owner").Lists(Call("c1", "ringing", null), Call("c2", "ringing", null));
    }

    [Fact]
    public void R1_3_an_ended_parent_does_not_bind()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1"}""", """{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1"}""")
            .Is("applied", "pending-owner").Lists(Call("c2", "ringing", null));
    }

    [Fact]
    public void R1_3_an_unknown_parent_does_not_bind_and_the_record_rule_still_applies()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"transfer","parentCallId":"c9","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c2", "ringing", "ctab1"));
    }

    [Fact]
    public void R1_3_a_parent_call_in_another_session_does_not_bind()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1"}""");
        _tape.Feed("""{"sessionId":"agent-2","type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1"}""")
            .Is("applied", "pending-owner");
    }

    // ---- rule 4: bound-by-record ----

    [Fact]
    public void R1_4_a_call_whose_record_an_open_tab_shows_is_bound_to_that_tab()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","objectType":"Contact"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab1"));
        Assert.Equal(["003B"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R1_4_a_record_shown_after_navigation_counts_and_one_navigated_away_does_not()
    {
        TwoTabs();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500D","recordId":"500D","tabId":"ctab0"}""",
            """{"type":"tabReplaced","tabId":"ctab1","recordId":"500E"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"500D"}""").Lists(Call("c1", "ringing", "ctab0"));
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"003B"}""").Is("applied", "pending-owner");
    }

    [Fact]
    public void R1_4_a_primary_tab_comes_before_a_subtab_even_a_newer_focused_one()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"type":"tabCreated","tabId":"ctab1"}""",
            """{"type":"tabCreated","tabId":"ctab1_1","parentTabId":"ctab1","recordId":"003B"}""",
            """{"type":"tabFocused","currentTabId":"ctab1_1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_4_among_primary_tabs_the_most_recently_focused_wins_over_the_newest()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"tabCreated","tabId":"ctab2","recordId":"003B"}""",
            """{"type":"tabFocused","currentTabId":"ctab1"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"tabFocused","currentTabId":"ctab2"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_4_a_focused_tab_wins_over_a_newer_tab_never_focused()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_4_with_no_focus_to_tell_them_apart_the_most_recently_created_wins()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003B"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R1_4_among_subtabs_the_most_recently_focused_wins()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"003B"}""",
            """{"type":"tabCreated","tabId":"ctab0_2","parentTabId":"ctab0","recordId":"003B"}""",
            """{"type":"tabFocused","currentTabId":"ctab0_2"}""",
            """{"type":"tabFocused","currentTabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""").Lists(Call("c1", "ringing", "ctab0_1"));
    }

    [Fact]
    public void R1_4_a_parent_call_wins_over_a_record()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1","recordId":"003B"}""")
            .Is("applied", "bound-by-parent-call").Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", "ctab0"));
    }

    // ---- rule 5: pending ----

    [Fact]
    public void R1_5_a_call_no_rule_binds_is_pending_and_keeps_its_record_as_related()
    {
        TwoTabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","phoneNumber":"5550100","recordId":"003Z","objectType":"Contact"}""")
            .Is("applied", "pending-owner").OnTab(null).Lists(Call("c1", "ringing", null));
        var call = _tape.Call("c1");
        Assert.Null(call.OwnerTabId);
        Assert.Null(call.OwnerPrimaryTabId);
        Assert.Equal([new RecordRef("003Z", "Contact", null)], call.RelatedRecords);
    }

    [Fact]
    public void R1_calls_are_listed_in_start_order()
    {
        TwoTabs();
        _tape.Feed(
            """{"type":"callStarted","callId":"zz","callType":"inbound","tabId":"ctab1"}""",
            """{"type":"callStarted","callId":"aa","callType":"inbound"}""");
        _tape.Feed("""{"type":"callStarted","callId":"mm","callType":"inbound","tabId":"ctab0"}""")
            .Lists(Call("zz", "ringing", "ctab1"), Call("aa", "ringing", null), Call("mm", "ringing", "ctab0"));
    }
}
