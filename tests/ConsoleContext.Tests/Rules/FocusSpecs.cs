using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>R4: focus moves the session's focused tab, never a call's owner, and is gated like navigation.</summary>
public class FocusSpecs
{
    private readonly RuleTape _tape = new();

    private void CallOnCtab0()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
    }

    [Fact]
    public void R4_focusing_another_tab_never_moves_ownership()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1","previousTabId":"ctab0"}""")
            .Is("ignored", "not-call-active-tab").OnTab("ctab1").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal("ctab1", _tape.Snapshot.FocusedTabId);
        Assert.Equal(["001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R4_focusing_a_tab_in_the_call_workspace_is_applied()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0_1"}""").Is("applied").OnTab("ctab0_1").Lists(Call("c1", "ringing", "ctab0"));
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""").Is("applied").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R4_with_no_active_call_focus_is_ignored_but_still_moves()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""").Is("ignored", "no-active-call").Lists();
        Assert.Equal("ctab0", _tape.Snapshot.FocusedTabId);
        Assert.True(_tape.Snapshot.Tabs.Single().Focused);
    }

    [Fact]
    public void R4_focusing_an_unknown_tab_creates_it_as_a_primary_tab_without_record()
    {
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab7"}""").Is("ignored", "no-active-call").OnTab("ctab7");
        var tab = Assert.Single(_tape.Snapshot.Tabs);
        Assert.Equal(("ctab7", null, true), (tab.TabId, tab.Record, tab.Focused));
    }

    [Fact]
    public void R4_the_previous_tab_id_is_ignored()
    {
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1","previousTabId":"ctab9"}""");
        Assert.Equal(["ctab1"], _tape.Snapshot.Tabs.Select(t => t.TabId));
    }

    [Fact]
    public void R4_focus_decides_where_later_tabless_navigation_goes()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003C","recordId":"003C"}""").Is("ignored", "not-call-active-tab").OnTab("ctab1");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500D","recordId":"500D"}""").Is("applied").OnTab("ctab0_1");
    }

    [Fact]
    public void R4_focus_never_binds_a_pending_call_even_on_a_tab_showing_its_record()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","tabId":"ctab0"}""",
            """{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""").Is("ignored", "not-call-active-tab").Lists(Call("c1", "ringing", null));
    }
}
