using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>R5: closing tabs, and what happens to the calls they owned.</summary>
public class ClosingSpecs
{
    private readonly RuleTape _tape = new();

    /// <summary>ctab0 (Account 001A) with subtabs ctab0_1 (Case 500D) and ctab0_1_1 below it; ctab1 (Contact 003B).</summary>
    private void Console()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500D"}""",
            """{"type":"tabCreated","tabId":"ctab0_1_1","parentTabId":"ctab0_1","recordId":"500E"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B"}""");
    }

    private IEnumerable<string> OpenTabIds() => _tape.State.DefaultTabs.Keys.Order();

    [Fact]
    public void R5_closing_an_owner_subtab_moves_the_call_to_its_primary_tab()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0_1"}""").Is("applied", "owner-closed").OnTab("ctab0_1").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["ctab0", "ctab1"], OpenTabIds());
        Assert.Equal(["500D", "001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R5_closing_a_deeper_owner_subtab_moves_the_call_to_the_top_most_ancestor()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1_1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0_1_1"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["ctab0", "ctab0_1", "ctab1"], OpenTabIds());
    }

    [Fact]
    public void R5_closing_an_owner_primary_tab_closes_its_subtabs_and_leaves_the_call_pending()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", null));
        Assert.Equal(["ctab1"], OpenTabIds());
    }

    [Fact]
    public void R5_closing_the_primary_of_an_owner_subtab_leaves_the_call_pending()
    {
        Console();
        _tape.Feed(
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""",
            """{"type":"callStarted","callId":"c2","callType":"inbound","tabId":"ctab1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", null), Call("c2", "ringing", "ctab1"));
    }

    [Fact]
    public void R5_closing_a_tab_that_owns_nothing_is_applied_without_reason()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0_1"}""").Is("applied").Lists(Call("c1", "ringing", "ctab0"));
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""").Is("applied").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(["ctab0"], OpenTabIds());
    }

    [Fact]
    public void R5_closing_a_tab_whose_call_ended_is_applied_without_reason()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1"}""", """{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""").Is("applied").Lists();
        Assert.Equal("ctab1", _tape.Call("c1").OwnerTabId);
    }

    [Fact]
    public void R5_every_call_of_the_closed_tree_is_handled()
    {
        Console();
        _tape.Feed(
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1"}""",
            """{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1"}""",
            """{"type":"callStarted","callId":"c3","callType":"inbound","tabId":"ctab0_1_1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0_1"}""").Is("applied", "owner-closed")
            .Lists(Call("c1", "ringing", "ctab0"), Call("c2", "ringing", "ctab0"), Call("c3", "ringing", "ctab0"));
    }

    [Fact]
    public void R5_a_call_left_pending_rebinds_by_a_related_record()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""", """{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab2","recordId":"001A"}""").Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab2"));
    }

    [Fact]
    public void R5_a_call_left_pending_rebinds_by_a_claim()
    {
        Console();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""", """{"type":"tabClosed","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c1","tabId":"ctab1"}""").Is("applied", "bound-by-claim").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void R5_closing_the_focused_tab_leaves_no_focused_tab_until_the_next_focus()
    {
        Console();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0_1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""");
        Assert.Null(_tape.Snapshot.FocusedTabId);
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003Z","recordId":"003Z"}""").Is("ignored", "no-focused-tab").OnTab(null);
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003Z","recordId":"003Z"}""").OnTab("ctab1");
    }

    [Fact]
    public void R5_closing_another_tab_keeps_the_focus()
    {
        Console();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab1"}""", """{"type":"tabClosed","tabId":"ctab0"}""");
        Assert.Equal("ctab1", _tape.Snapshot.FocusedTabId);
    }

    [Fact]
    public void R5_a_closed_tab_id_is_unknown_again_and_may_be_created_afresh()
    {
        Console();
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab1"}""").Is("ignored", "unknown-tab");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab1"}""").Is("applied");
        var tab = _tape.Snapshot.Tabs.Single(t => t.TabId == "ctab1");
        Assert.Null(tab.Record);
    }
}
