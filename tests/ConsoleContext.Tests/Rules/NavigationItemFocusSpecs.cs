using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R4 with a navigation item: a tabFocused without currentTabId (a list view or home got the focus) leaves its console
/// with no focused tab, is ignored with no-focused-tab and tabId null, and changes nothing else.
/// </summary>
public class NavigationItemFocusSpecs
{
    private readonly RuleTape _tape = new();

    private void CallOnCtab0()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
    }

    [Fact]
    public void R4_focus_on_a_navigation_item_leaves_no_focused_tab_and_is_ignored()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused","previousTabId":"ctab0"}""").Is("ignored", "no-focused-tab").OnTab(null).Lists(Call("c1", "ringing", "ctab0"));
        Assert.Null(_tape.Snapshot.FocusedTabId);
        Assert.Equal(2, _tape.Snapshot.Tabs.Count);
    }

    [Fact]
    public void R4_focus_on_a_navigation_item_is_ignored_with_no_focused_tab_even_without_calls()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabFocused"}""").Is("ignored", "no-focused-tab").OnTab(null).Lists();
        Assert.Null(_tape.Snapshot.FocusedTabId);
    }

    [Fact]
    public void R4_after_a_navigation_item_a_click_without_tab_id_has_no_tab_and_binds_nothing()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused"}""");
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","at":"{{RuleTape.At(0)}}"}""").Is("ignored", "no-focused-tab").OnTab(null);
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"outbound","phoneNumber":"5550100","at":"{{RuleTape.At(1)}}"}""")
            .Is("applied", "pending-owner");
    }

    [Fact]
    public void R4_after_a_navigation_item_a_navigation_to_a_new_record_is_not_pinned_on_the_last_record_tab()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500Z","recordId":"500Z"}""").Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Equal(["001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
        Assert.Equal("001A", _tape.State.DefaultTabs["ctab0"].Record!.RecordId);
    }

    [Fact]
    public void R4_after_a_navigation_item_the_next_tab_focus_sets_the_focus_again()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused"}""");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""").Is("applied").OnTab("ctab0");
        Assert.Equal("ctab0", _tape.Snapshot.FocusedTabId);
    }

    [Fact]
    public void R4_a_navigation_item_focus_with_a_parent_creates_nothing()
    {
        _tape.Feed("""{"type":"tabFocused","parentTabId":"ctab7"}""").Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Empty(_tape.Snapshot.Consoles);
    }

    [Fact]
    public void R4_a_duplicate_or_stale_navigation_item_focus_reports_no_tab()
    {
        CallOnCtab0();
        _tape.Feed("""{"eventId":"f1","seq":10,"type":"tabFocused"}""");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed("""{"eventId":"f1","seq":10,"type":"tabFocused"}""").Is("duplicate").OnTab(null);
        _tape.Feed("""{"eventId":"f2","seq":9,"type":"tabFocused"}""").Is("stale").OnTab(null);
        Assert.Equal("ctab0", _tape.Snapshot.FocusedTabId);
    }
}
