using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>R9: events about tabs the session does not know, and re-creating a tab that is open.</summary>
public class UnknownTabSpecs
{
    private readonly RuleTape _tape = new();

    private IEnumerable<(string TabId, string? ParentTabId)> Tree() =>
        _tape.State.Tabs.Values.OrderBy(t => t.TabId, StringComparer.Ordinal).Select(t => (t.TabId, t.ParentTabId));

    [Fact]
    public void R9_tab_replaced_for_an_unknown_tab_creates_it_with_its_record()
    {
        _tape.Feed("""{"type":"tabReplaced","tabId":"ctab4","recordId":"001A","url":"/r/001A"}""").Is("ignored", "no-active-call").OnTab("ctab4");
        var tab = Assert.Single(_tape.Snapshot.Tabs);
        Assert.Equal(("ctab4", new RecordRef("001A", null, null), "/r/001A"), (tab.TabId, tab.Record, tab.Url));
    }

    [Fact]
    public void R9_navigation_naming_an_unknown_tab_creates_it()
    {
        _tape.Feed("""{"type":"navigationChanged","url":"/r/001A","recordId":"001A","tabId":"ctab4"}""").Is("ignored", "no-active-call");
        Assert.Equal("001A", Assert.Single(_tape.Snapshot.Tabs).Record?.RecordId);
    }

    [Fact]
    public void R9_a_subtab_of_an_unknown_parent_creates_the_parent_as_a_primary_tab_without_record()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab3_1","parentTabId":"ctab3","recordId":"500D"}""").Is("applied").OnTab("ctab3_1");
        var parent = Assert.Single(_tape.Snapshot.Tabs);
        Assert.Equal(("ctab3", null), (parent.TabId, parent.Record));
        Assert.Equal("ctab3_1", Assert.Single(parent.Subtabs).TabId);
    }

    [Theory]
    [InlineData("""{"type":"tabClosed","tabId":"ctab9"}""")]
    [InlineData("""{"type":"tabRefreshed","tabId":"ctab9"}""")]
    [InlineData("""{"type":"tabUpdated","tabId":"ctab9","title":"x"}""")]
    [InlineData("""{"type":"callClaimed","callId":"c1","tabId":"ctab9"}""")]
    public void R9_closing_refreshing_updating_or_claiming_an_unknown_tab_is_ignored_and_creates_nothing(string line)
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed(line).Is("ignored", "unknown-tab").OnTab("ctab9").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal([("ctab0", null)], Tree());
    }

    [Fact]
    public void R9_recreating_an_open_tab_gives_it_its_new_parent_and_record_and_keeps_subtabs_calls_and_focus()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab5"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","parentTabId":"ctab5","recordId":"500D"}""").Is("applied").Lists(Call("c1", "ringing", "ctab0"));

        Assert.Equal([("ctab0", "ctab5"), ("ctab0_1", "ctab0"), ("ctab5", null)], Tree());
        Assert.Equal("500D", _tape.State.DefaultTabs["ctab0"].Record?.RecordId);
        Assert.Equal("ctab0", _tape.Snapshot.FocusedTabId);
        Assert.Equal("ctab5", _tape.Call("c1").OwnerPrimaryTabId);
    }

    [Theory]
    [InlineData("ctab0")]
    [InlineData("ctab0_1")]
    [InlineData("ctab0_1_1")]
    public void R9_a_tab_created_below_itself_is_rejected_and_changes_nothing(string parentTabId)
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1_1","parentTabId":"ctab0_1"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        var before = Dump(_tape.State);
        var decision = _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","parentTabId":"{{parentTabId}}"}""")
            .Is("rejected", "invalid-event").OnTab(null).Lists();
        Assert.Contains("parentTabId", decision.Error, StringComparison.Ordinal);
        Assert.Equal("tabCreated", decision.Type);
        Assert.Equal(before, Dump(_tape.State));
    }

    [Fact]
    public void R9_a_tab_that_is_not_open_naming_itself_as_parent_is_rejected()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab7","parentTabId":"ctab7"}""").Is("rejected", "invalid-event");
        Assert.Empty(_tape.State.Tabs);
    }

    [Fact]
    public void R9_a_subtab_may_be_recreated_as_a_primary_tab()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0_1"}""").Is("applied");
        Assert.Equal([("ctab0", null), ("ctab0_1", null)], Tree());
    }
}
