using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Attribution: a navigationChanged without tabId goes to the focused tab when it shows the record or none is
/// named; else to the open tab already showing the record (most recently focused, then most recently created; with no
/// focused tab too); else to the focused tab. A clickToDial without tabId goes to the focused tab.
/// </summary>
public class AttributionSpecs
{
    private readonly RuleTape _tape = new();

    private static string Nav(string? recordId) => recordId is null
        ? """{"type":"navigationChanged","url":"/lightning/page/home"}"""
        : $$"""{"type":"navigationChanged","url":"/r/{{recordId}}","recordId":"{{recordId}}"}""";

    private static string Tab(string tabId, string? recordId = null, string? parent = null) =>
        "{\"type\":\"tabCreated\",\"tabId\":\"" + tabId + "\"" + (parent is null ? "" : $",\"parentTabId\":\"{parent}\"")
        + (recordId is null ? "" : $",\"recordId\":\"{recordId}\"") + "}";

    private static string Focus(string tabId) => $$"""{"type":"tabFocused","currentTabId":"{{tabId}}"}""";

    [Fact]
    public void Attribution_the_focused_tab_takes_a_navigation_to_the_record_it_shows()
    {
        _tape.Feed(Tab("ctab0", "003A"), Tab("ctab1", "003A"), Focus("ctab1"), Focus("ctab0"));
        _tape.Feed(Nav("003A")).OnTab("ctab0");
    }

    [Fact]
    public void Attribution_the_focused_tab_takes_a_navigation_naming_no_record()
    {
        _tape.Feed(Tab("ctab0", "003A"), Tab("ctab1"), Focus("ctab0"));
        _tape.Feed(Nav(null)).OnTab("ctab0");
        Assert.Null(_tape.State.DefaultTabs["ctab0"].Record);
    }

    [Fact]
    public void Attribution_a_navigation_goes_to_the_tab_already_showing_its_record_before_its_focus_arrives()
    {
        _tape.Feed(Tab("ctab0", "001A"), Focus("ctab0"), Tab("ctab1", "003B"));
        _tape.Feed(Nav("003B")).Is("ignored", "no-active-call").OnTab("ctab1");
        Assert.Equal("001A", _tape.State.DefaultTabs["ctab0"].Record!.RecordId);
    }

    [Fact]
    public void Attribution_a_navigation_to_a_record_no_tab_shows_goes_to_the_focused_tab()
    {
        _tape.Feed(Tab("ctab0", "001A"), Focus("ctab0"), Tab("ctab1", "003B"));
        _tape.Feed(Nav("500C")).OnTab("ctab0");
        Assert.Equal("500C", _tape.State.DefaultTabs["ctab0"].Record!.RecordId);
    }

    [Fact]
    public void Attribution_among_tabs_showing_the_record_the_most_recently_focused_wins()
    {
        _tape.Feed(Tab("ctab0", "003B"), Tab("ctab1", "003B"), Tab("ctab2", "003B"), Focus("ctab1"), Focus("ctab0"), Tab("home"), Focus("home"));
        _tape.Feed(Nav("003B")).OnTab("ctab0");
    }

    [Fact]
    public void Attribution_a_tab_ever_focused_ranks_above_one_never_focused_even_if_created_later()
    {
        _tape.Feed(Tab("ctab0", "003B"), Focus("ctab0"), Tab("home"), Focus("home"), Tab("ctab1", "003B"));
        _tape.Feed(Nav("003B")).OnTab("ctab0");
    }

    [Fact]
    public void Attribution_among_tabs_never_focused_the_most_recently_created_wins()
    {
        _tape.Feed(Tab("home"), Focus("home"), Tab("ctab0", "003B"), Tab("ctab1", "003B"), Tab("ctab0_1", "003B", "ctab0"));
        _tape.Feed(Nav("003B")).OnTab("ctab0_1");
    }

    [Fact]
    public void Attribution_a_re_created_tab_keeps_its_place_in_creation_order()
    {
        _tape.Feed(Tab("home"), Focus("home"), Tab("ctab0", "003B"), Tab("ctab1", "003B"), Tab("ctab0", "003B"));
        _tape.Feed(Nav("003B")).OnTab("ctab1");
    }

    [Fact]
    public void Attribution_with_no_focused_tab_a_tab_showing_the_record_still_takes_the_navigation()
    {
        _tape.Feed(Tab("ctab0", "001A"), Tab("ctab1", "003B"));
        _tape.Feed(Nav("003B")).OnTab("ctab1");
        _tape.Feed(Focus("ctab0"), """{"type":"tabFocused"}""");
        _tape.Feed(Nav("003B")).OnTab("ctab1");
    }

    [Fact]
    public void Attribution_with_no_focused_tab_and_no_tab_showing_the_record_the_navigation_is_ignored_but_remembered()
    {
        _tape.Feed(Tab("ctab0", "001A"));
        _tape.Feed(Nav("003B")).Is("ignored", "no-focused-tab").OnTab(null);
        _tape.Feed(Nav(null)).Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Equal("/lightning/page/home", _tape.State.LastNavigationUrl);
        _tape.Feed(Nav("003C"));
        Assert.Equal("003C", _tape.State.LastNavigationRecord!.RecordId);
    }

    [Fact]
    public void Attribution_a_navigation_naming_its_tab_goes_there_whatever_shows_the_record()
    {
        _tape.Feed(Tab("ctab0", "003B"), Tab("ctab1"), Focus("ctab0"));
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003B","recordId":"003B","tabId":"ctab1"}""").OnTab("ctab1");
    }

    [Fact]
    public void Attribution_a_navigation_attributed_to_a_record_tab_gates_and_binds_on_that_tab()
    {
        _tape.Feed(Tab("ctab0", "001A"), Focus("ctab0"), """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            Tab("ctab1", "003B"));
        // The agent opened ctab1 outside the call's workspace; its navigation must not add 003B to c1.
        _tape.Feed(Nav("003B")).Is("ignored", "not-call-active-tab").OnTab("ctab1");
        Assert.Equal(["001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Attribution_a_navigation_to_a_subtab_record_is_applied_in_the_call_workspace()
    {
        _tape.Feed(Tab("home"), Tab("ctab0", "001A"), Focus("home"), """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            Tab("ctab0_1", "500C", "ctab0"));
        _tape.Feed(Nav("500C")).Is("applied", null).OnTab("ctab0_1");
        Assert.Equal(["001A", "500C"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Attribution_a_click_without_tab_id_goes_to_the_focused_tab_even_when_another_shows_its_record()
    {
        _tape.Feed(Tab("ctab0", "003B"), Tab("ctab1"), Focus("ctab1"));
        _tape.Feed("""{"type":"clickToDial","number":"5550100","recordId":"003B"}""").Is("applied").OnTab("ctab1");
    }

    [Fact]
    public void Attribution_a_click_without_tab_id_and_no_focused_tab_is_ignored()
    {
        _tape.Feed(Tab("ctab0", "003B"));
        _tape.Feed("""{"type":"clickToDial","number":"5550100","recordId":"003B"}""").Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Empty(_tape.State.ClickIntents);
    }

    [Fact]
    public void Attribution_a_click_naming_a_tab_that_is_not_open_is_applied_and_never_binds()
    {
        _tape.Feed(Tab("ctab0"));
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","tabId":"ctab9","at":"{{RuleTape.At(0)}}"}""").Is("applied", null).OnTab("ctab9");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","at":"{{RuleTape.At(1)}}"}""")
            .Is("applied", "pending-owner").Lists(Call("c1", "ringing", null));
        Assert.DoesNotContain("ctab9", _tape.State.DefaultTabs.Keys);
    }
}
