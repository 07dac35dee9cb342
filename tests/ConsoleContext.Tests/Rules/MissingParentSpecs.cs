using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R9 with parentTabId: tabFocused, tabReplaced and navigationChanged that create a missing tab create it as the subtab
/// of their parentTabId (the parent too, if unknown); for an open tab the parentTabId is ignored; a missing tab naming
/// itself as its parent is a primary tab.
/// </summary>
public class MissingParentSpecs
{
    private readonly RuleTape _tape = new();

    public static TheoryData<string> Creators => new()
    {
        """{"type":"tabFocused","currentTabId":"ctab0_1","parentTabId":"ctab0"}""",
        """{"type":"tabReplaced","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500C"}""",
        """{"type":"navigationChanged","url":"/r/500C","recordId":"500C","tabId":"ctab0_1","parentTabId":"ctab0"}""",
    };

    [Theory]
    [MemberData(nameof(Creators))]
    public void R9_a_missing_tab_is_created_as_a_subtab_of_its_open_parent(string line)
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""", """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed(line).Is("applied").OnTab("ctab0_1");
        Assert.Equal("ctab0", _tape.State.DefaultTabs["ctab0_1"].ParentTabId);
        Assert.Equal("ctab0_1", Assert.Single(_tape.Snapshot.Tabs).Subtabs.Single().TabId);
    }

    [Theory]
    [MemberData(nameof(Creators))]
    public void R9_a_missing_parent_is_created_too_as_a_primary_tab_without_record(string line)
    {
        _tape.Feed(line).Is("ignored", "no-active-call").OnTab("ctab0_1");
        var primary = Assert.Single(_tape.Snapshot.Tabs);
        Assert.Equal(("ctab0", null), (primary.TabId, primary.Record));
        Assert.Equal("ctab0_1", Assert.Single(primary.Subtabs).TabId);
    }

    [Theory]
    [InlineData("""{"type":"tabFocused","currentTabId":"ctab1","parentTabId":"ctab0"}""")]
    [InlineData("""{"type":"tabReplaced","tabId":"ctab1","parentTabId":"ctab0","recordId":"500C"}""")]
    [InlineData("""{"type":"navigationChanged","url":"/r/500C","recordId":"500C","tabId":"ctab1","parentTabId":"ctab0"}""")]
    public void R9_the_parent_tab_id_of_an_open_tab_is_ignored(string line)
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabCreated","tabId":"ctab1"}""");
        _tape.Feed(line).OnTab("ctab1");
        Assert.Null(_tape.State.DefaultTabs["ctab1"].ParentTabId);
        Assert.Equal(2, _tape.Snapshot.Tabs.Count);
    }

    [Theory]
    [InlineData("""{"type":"tabFocused","currentTabId":"ctab2","parentTabId":"ctab2"}""")]
    [InlineData("""{"type":"tabReplaced","tabId":"ctab2","parentTabId":"ctab2"}""")]
    [InlineData("""{"type":"navigationChanged","url":"/home","tabId":"ctab2","parentTabId":"ctab2"}""")]
    public void R9_a_missing_tab_naming_itself_as_its_parent_is_a_primary_tab(string line)
    {
        _tape.Feed(line).OnTab("ctab2");
        var tab = Assert.Single(_tape.Snapshot.Tabs);
        Assert.Equal("ctab2", tab.TabId);
        Assert.Null(_tape.State.DefaultTabs["ctab2"].ParentTabId);
    }

    [Fact]
    public void R9_a_missing_subtab_created_in_a_call_workspace_is_gated_as_part_of_it()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""", """{"type":"tabCreated","tabId":"ctab1"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500C","recordId":"500C","tabId":"ctab0_9","parentTabId":"ctab0"}""").Is("applied");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/500D","recordId":"500D","tabId":"ctab1_9","parentTabId":"ctab1"}""").Is("ignored", "not-call-active-tab");
        Assert.Equal(["001A", "500C"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R9_closing_the_parent_closes_a_subtab_that_was_created_missing()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabFocused","currentTabId":"ctab0_1","parentTabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", null));
        Assert.Empty(_tape.Snapshot.Tabs);
        Assert.Null(_tape.Snapshot.FocusedTabId);
    }

    [Fact]
    public void R9_parents_are_scoped_to_the_event_console()
    {
        _tape.Feed("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-b","type":"tabFocused","currentTabId":"ctab0_1","parentTabId":"ctab0"}""").Is("ignored", "no-active-call");
        var wb = _tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-b");
        Assert.Equal("ctab0_1", Assert.Single(Assert.Single(wb.Tabs).Subtabs).TabId);
        Assert.Empty(_tape.Snapshot.Consoles.Single(c => c.ConsoleId == "w-a").Tabs[0].Subtabs);
    }
}
