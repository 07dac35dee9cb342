using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Selection: an active call whose owner was bound by screen pop to a page showing no record, and still shows
/// none, moves to a new tab of the same console opened with a record while that page is its console's focused tab
/// (bound-by-selection). Every condition is checked on its own: take one away and the call stays.
/// </summary>
public class SelectionSpecs
{
    private readonly RuleTape _tape = new();

    private static string Open(string tabId, string? recordId = "003P", string? console = null, string? parent = null) =>
        "{" + (console is null ? "" : $"\"consoleId\":\"{console}\",") + $"\"type\":\"tabCreated\",\"tabId\":\"{tabId}\""
        + (parent is null ? "" : $",\"parentTabId\":\"{parent}\"") + (recordId is null ? "" : $",\"recordId\":\"{recordId}\",\"objectType\":\"Contact\"")
        + $",\"at\":\"{At(3)}\"}}";

    /// <summary>c1 rings, the platform pops a search-results page (no record) that the agent focuses.</summary>
    private void PoppedOntoSearchPage(string? console = null)
    {
        var c = console is null ? "" : $"\"consoleId\":\"{console}\",";
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","phoneNumber":"5550100","at":"{{At(0)}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{{{c}}"type":"tabCreated","tabId":"search","url":"/search?q=5550100","at":"{{At(1)}}"}""").Is("applied", "bound-by-screen-pop");
        _tape.Feed($$"""{{{c}}"type":"tabFocused","currentTabId":"search","at":"{{At(2)}}"}""").Is("applied");
    }

    [Fact]
    public void Selection_a_record_opened_from_the_focused_search_page_takes_the_call()
    {
        PoppedOntoSearchPage();
        _tape.Feed(Open("contact")).Is("applied", "bound-by-selection").OnTab("contact").Lists(Call("c1", "ringing", "contact"));
        var view = _tape.Call("c1");
        Assert.Equal(["003P"], view.RelatedRecords.Select(r => r.RecordId));
        Assert.Equal("003P", view.LogSuggestion.WhoId);
    }

    [Fact]
    public void Selection_a_subtab_opened_from_the_search_page_takes_the_call_too()
    {
        PoppedOntoSearchPage();
        _tape.Feed(Open("contact", parent: "search")).Is("applied", "bound-by-selection").Lists(Call("c1", "ringing", "contact"));
    }

    [Fact]
    public void Selection_works_in_a_named_console_and_reports_the_owner_console()
    {
        PoppedOntoSearchPage("w-a");
        _tape.Feed(Open("contact", console: "w-a")).Is("applied", "bound-by-selection").Lists(Call("c1", "ringing", "contact", "w-a"));
    }

    [Fact]
    public void Selection_happens_once_a_selected_call_never_moves_by_selection_again()
    {
        PoppedOntoSearchPage();
        _tape.Feed(Open("contact"));
        _tape.Feed("""{"type":"tabCreated","tabId":"list"}""", """{"type":"tabFocused","currentTabId":"contact"}""");
        _tape.Feed(Open("other", "003Q")).Is("applied", null).Lists(Call("c1", "ringing", "contact"));
    }

    [Fact]
    public void Selection_needs_the_search_page_to_be_focused()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabCreated","tabId":"home"}""", """{"type":"tabFocused","currentTabId":"home"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_needs_a_focused_tab_a_navigation_item_is_not_the_search_page()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabFocused"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_needs_the_new_tab_to_show_a_record()
    {
        PoppedOntoSearchPage();
        _tape.Feed(Open("blank", recordId: null)).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_needs_a_new_tab_re_creating_an_open_tab_opens_nothing()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabCreated","tabId":"contact"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_needs_the_same_console()
    {
        PoppedOntoSearchPage("w-a");
        _tape.Feed("""{"consoleId":"w-b","type":"tabCreated","tabId":"x"}""", """{"consoleId":"w-b","type":"tabFocused","currentTabId":"x"}""");
        _tape.Feed(Open("contact", console: "w-b")).Is("applied", null).Lists(Call("c1", "ringing", "search", "w-a"));
    }

    [Fact]
    public void Selection_needs_the_search_page_to_still_show_no_record()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003P","recordId":"003P","tabId":"search"}""").Is("applied");
        _tape.Feed(Open("contact", "003Q")).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_a_page_that_showed_a_record_since_the_pop_is_no_longer_the_search_page()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabReplaced","tabId":"search","recordId":"003P"}""", """{"type":"navigationChanged","url":"/search","tabId":"search"}""");
        _tape.Feed(Open("contact", "003Q")).Is("applied", null).Lists(Call("c1", "ringing", "search"));
    }

    [Fact]
    public void Selection_needs_the_pop_to_be_onto_a_page_without_a_record()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"acct","recordId":"001A","at":"{{At(1)}}"}""").Is("applied", "bound-by-screen-pop");
        _tape.Feed("""{"type":"tabFocused","currentTabId":"acct"}""", """{"type":"navigationChanged","url":"/search","tabId":"acct"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "acct"));
    }

    [Fact]
    public void Selection_never_moves_a_call_bound_by_tab_or_claim_to_a_record_less_page()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"search"}""", """{"type":"tabFocused","currentTabId":"search"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"search"}""").Is("applied", "bound-by-tab");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"500Z"}""");
        _tape.Feed("""{"type":"callClaimed","callId":"c2","tabId":"search"}""").Is("applied", "bound-by-claim");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "search"), Call("c2", "ringing", "search"));
    }

    [Fact]
    public void Selection_never_moves_a_call_bound_to_a_tab_whose_record_was_never_learned()
    {
        // A tab first seen through its focus (opened before the bridge loaded) is not a page known to show no record.
        _tape.Feed("""{"type":"tabFocused","currentTabId":"old"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"old"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "old"));
    }

    [Fact]
    public void Selection_never_moves_a_call_that_moved_since_its_pop()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabCreated","tabId":"search2"}""", """{"type":"callClaimed","callId":"c1","tabId":"search2"}""",
            """{"type":"tabFocused","currentTabId":"search2"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "search2"));
    }

    [Fact]
    public void Selection_never_moves_a_call_whose_popped_subtab_closed_onto_its_primary()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"home"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"search","parentTabId":"home","at":"{{At(1)}}"}""").Is("applied", "bound-by-screen-pop");
        _tape.Feed("""{"type":"tabClosed","tabId":"search"}""").Is("applied", "owner-closed").Lists(Call("c1", "ringing", "home"));
        _tape.Feed("""{"type":"tabFocused","currentTabId":"home"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists(Call("c1", "ringing", "home"));
    }

    [Fact]
    public void Selection_never_moves_an_ended_call()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""");
        _tape.Feed(Open("contact")).Is("applied", null).Lists();
        Assert.Equal("search", _tape.Call("c1").OwnerTabId);
    }

    [Fact]
    public void Selection_moves_only_the_calls_the_pop_bound()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""",
            $$"""{"type":"tabCreated","tabId":"search","at":"{{At(1)}}"}""",
            $$"""{"type":"callStarted","callId":"c2","callType":"inbound","parentCallId":"c1","at":"{{At(1.5)}}"}""",
            """{"type":"tabFocused","currentTabId":"search"}""");
        // c2 was bound by its parent, not by the pop: it stays.
        _tape.Feed(Open("contact")).Is("applied", "bound-by-selection").Lists(Call("c1", "ringing", "contact"), Call("c2", "ringing", "search"));
    }

    [Fact]
    public void Selection_and_a_record_binding_in_one_event_report_bound_by_record()
    {
        PoppedOntoSearchPage();
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"003P","at":"{{At(2.5)}}"}""").Is("applied", "pending-owner");
        _tape.Feed(Open("contact")).Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "contact"), Call("c2", "ringing", "contact"));
    }

    [Fact]
    public void Selection_and_a_screen_pop_in_one_event_report_bound_by_screen_pop()
    {
        PoppedOntoSearchPage();
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"inbound","at":"{{At(2.5)}}"}""").Is("applied", "pending-owner");
        _tape.Feed(Open("contact")).Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "contact"), Call("c2", "ringing", "contact"));
    }

    [Fact]
    public void Selection_the_opened_record_becomes_related_beside_what_the_page_gathered()
    {
        PoppedOntoSearchPage();
        _tape.Feed("""{"type":"tabCreated","tabId":"search_1","parentTabId":"search","recordId":"500C","objectType":"Case"}""");
        // search_1 shows a record, but it was opened inside the call's workspace: c1 moves to it and 500C is related.
        Assert.Equal("search_1", _tape.Call("c1").OwnerTabId);
        Assert.Equal(["500C"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }
}
