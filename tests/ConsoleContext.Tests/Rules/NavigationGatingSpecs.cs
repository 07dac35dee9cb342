using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>R3 (and the tab context rule): navigation always updates the tab, and applies to calls only inside their workspace.</summary>
public class NavigationGatingSpecs
{
    private readonly RuleTape _tape = new();

    /// <summary>ctab0 (Account) with subtab ctab0_1 (Case) owns c1; ctab1 (Contact) is another primary tab, focused.</summary>
    private void CallOnCtab0()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A","objectType":"Account"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500D","objectType":"Case"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B","objectType":"Contact"}""",
            """{"type":"tabFocused","currentTabId":"ctab1"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            """{"type":"callConnected","callId":"c1"}""");
    }

    private IEnumerable<string> Related(string callId) => _tape.Call(callId).RelatedRecords.Select(r => r.RecordId);

    private RecordRef? RecordOf(string tabId) =>
        _tape.Snapshot.Tabs.SelectMany(t => t.Subtabs.Prepend(t)).Single(t => t.TabId == tabId).Record;

    [Fact]
    public void R3_navigation_in_the_owner_tab_is_applied_and_relates_the_record()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/006E","recordId":"006E","objectType":"Opportunity","tabId":"ctab0"}""")
            .Is("applied").OnTab("ctab0").Lists(Call("c1", "connected", "ctab0"));
        Assert.Equal(["001A", "006E"], Related("c1"));
        Assert.Equal(new RecordRef("006E", "Opportunity", null), RecordOf("ctab0"));
    }

    [Fact]
    public void R3_navigation_in_a_subtab_of_the_owner_primary_is_in_the_workspace()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500F","recordId":"500F","tabId":"ctab0_1"}""").Is("applied").OnTab("ctab0_1");
        Assert.Equal(["001A", "500F"], Related("c1"));
    }

    [Fact]
    public void R3_when_a_subtab_owns_the_call_its_primary_and_sibling_subtabs_are_in_the_workspace()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_2","parentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_2_1","parentTabId":"ctab0_2"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0","recordId":"001A"}""").Is("applied");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0_2","recordId":"500D"}""").Is("applied");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0_2_1","recordId":"500E"}""").Is("applied");
        Assert.Equal(["001A", "500D", "500E"], Related("c1"));
    }

    [Fact]
    public void R3_navigation_in_another_primary_tab_is_ignored_but_still_updates_the_tab()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003C","recordId":"003C","objectType":"Contact","tabId":"ctab1"}""")
            .Is("ignored", "not-call-active-tab").OnTab("ctab1").Lists(Call("c1", "connected", "ctab0"));
        Assert.Equal(["001A"], Related("c1"));
        Assert.Equal(new RecordRef("003C", "Contact", null), RecordOf("ctab1"));
    }

    [Fact]
    public void R3_navigation_without_tab_id_is_attributed_to_the_focused_tab()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003C","recordId":"003C"}""").Is("ignored", "not-call-active-tab").OnTab("ctab1");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500F","recordId":"500F"}""").Is("applied").OnTab("ctab0_1");
        Assert.Equal(new RecordRef("500F", null, null), RecordOf("ctab0_1"));
        Assert.Equal(new RecordRef("003C", null, null), RecordOf("ctab1"));
    }

    [Fact]
    public void R3_navigation_without_tab_and_without_focus_is_ignored_but_remembered_as_last_navigation()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003C","recordId":"003C","objectType":"Contact"}""")
            .Is("ignored", "no-focused-tab").OnTab(null);
        Assert.Equal(new RecordRef("003C", "Contact", null), _tape.State.LastNavigationRecord);
        Assert.Equal("/r/003C", _tape.State.LastNavigationUrl);
        Assert.Null(RecordOf("ctab0"));
    }

    [Fact]
    public void R3_with_no_active_call_navigation_is_ignored_but_updates_the_tab()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/001A","recordId":"001A","tabId":"ctab0"}""").Is("ignored", "no-active-call").Lists();
        Assert.Equal(new RecordRef("001A", null, null), RecordOf("ctab0"));
    }

    [Fact]
    public void R3_when_every_active_call_is_pending_navigation_is_not_call_active_tab()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/001A","recordId":"001A","tabId":"ctab0"}""")
            .Is("ignored", "not-call-active-tab").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void R3_an_ended_call_no_longer_gates_navigation()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/006E","recordId":"006E","tabId":"ctab0"}""").Is("ignored", "no-active-call").Lists();
        Assert.Equal(["001A"], Related("c1"));
    }

    [Fact]
    public void R3_navigation_without_record_clears_the_tab_record()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"navigationChanged","url":"/lightning/page/home","tabId":"ctab0"}""").Is("applied");
        Assert.Null(RecordOf("ctab0"));
        Assert.Equal(["001A"], Related("c1"));
    }

    [Fact]
    public void R3_navigation_relates_the_record_only_to_the_calls_whose_workspace_holds_the_tab()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound","tabId":"ctab1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500G","recordId":"500G","tabId":"ctab1"}""")
            .Is("applied").Lists(Call("c1", "connected", "ctab0"), Call("c2", "ringing", "ctab1"));
        Assert.Equal(["001A"], Related("c1"));
        Assert.Equal(["003B", "500G"], Related("c2"));
    }

    [Fact]
    public void R3_tab_replaced_is_gated_like_navigation_and_replaces_record_and_url()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0_1","recordId":"500H","objectType":"Case","recordName":"00042","url":"/r/500H"}""")
            .Is("applied").OnTab("ctab0_1");
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab1","recordId":"003Z"}""").Is("ignored", "not-call-active-tab");
        var subtab = _tape.Snapshot.Tabs.Single(t => t.TabId == "ctab0").Subtabs.Single();
        Assert.Equal((new RecordRef("500H", "Case", "00042"), "/r/500H"), (subtab.Record, subtab.Url));
        Assert.Equal(["001A", "500H"], Related("c1"));
    }

    [Fact]
    public void R3_tab_refreshed_is_gated_and_relates_its_record_to_the_workspace_calls_only()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabRefreshed","tabId":"ctab1"}""").Is("ignored", "not-call-active-tab").OnTab("ctab1");
        Assert.Equal(["001A"], Related("c1"));
        _tape.Feed("""{"type":"tabRefreshed","tabId":"ctab0_1"}""").Is("applied").OnTab("ctab0_1");
        Assert.Equal(["001A", "500D"], Related("c1"));
        Assert.Equal(new RecordRef("500D", "Case", null), RecordOf("ctab0_1"));
    }

    [Fact]
    public void R3_tab_refreshed_with_no_active_call_is_no_active_call()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabRefreshed","tabId":"ctab0"}""").Is("ignored", "no-active-call");
    }

    [Fact]
    public void R3_a_tab_created_inside_the_workspace_stays_a_lifecycle_applied_and_relates_its_record()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0_3","parentTabId":"ctab0","recordId":"006E"}""").Is("applied").OnTab("ctab0_3");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab2","recordId":"006F"}""").Is("applied").OnTab("ctab2");
        Assert.Equal(["001A", "006E"], Related("c1"));
    }

    [Fact]
    public void R3_a_tab_updated_is_a_lifecycle_applied_and_sets_the_title()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"tabUpdated","tabId":"ctab1","title":"Ann Lee"}""").Is("applied").OnTab("ctab1");
        Assert.Equal("Ann Lee", _tape.Snapshot.Tabs.Single(t => t.TabId == "ctab1").Title);
    }

    [Fact]
    public void Tab_context_the_latest_of_created_replaced_or_navigated_is_the_tab_record()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""", """{"type":"tabFocused","currentTabId":"ctab0"}""");
        Assert.Equal("001A", RecordOf("ctab0")?.RecordId);
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""");
        Assert.Equal("003B", RecordOf("ctab0")?.RecordId);
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0","recordId":"500D"}""");
        Assert.Equal("500D", RecordOf("ctab0")?.RecordId);
        _tape.Feed("""{"type":"tabRefreshed","tabId":"ctab0"}""", """{"type":"tabUpdated","tabId":"ctab0","title":"x"}""");
        Assert.Equal("500D", RecordOf("ctab0")?.RecordId);
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab0"}""");
        Assert.Null(RecordOf("ctab0"));
    }
}
