using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Identity, person accounts: a record shown with accountId / contactId aliases matches any of its ids for
/// tabs, clicks and navigations; as a related record it counts once and merges, keeping its place; in the log
/// suggestion its Contact alias is the whoId and its Account the whatId.
/// </summary>
public class PersonAccountSpecs
{
    private readonly RuleTape _tape = new();

    private const string Account = "001P00000000001";
    private const string Contact = "003P00000000001";
    // 18-character forms of the ids above (all upper-case letters: P is bit 3 of the first chunk -> I).
    private const string Account18 = "001P00000000001IAA";
    private const string Contact18 = "003P00000000001IAA";

    private static string PersonTab(string tabId) =>
        $$"""{"type":"tabCreated","tabId":"{{tabId}}","recordId":"{{Account}}","contactId":"{{Contact}}","objectType":"Account","recordName":"Ada Lovelace"}""";

    [Theory]
    [InlineData(Account)]
    [InlineData(Contact)]
    [InlineData(Account18)]
    [InlineData(Contact18)]
    public void PersonAccount_a_call_for_any_id_of_the_person_binds_to_the_tab_showing_it(string callRecord)
    {
        _tape.Feed(PersonTab("ctab0"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{callRecord}}"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void PersonAccount_a_tab_showing_the_contact_with_the_account_alias_binds_a_call_for_the_account()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Contact}}","accountId":"{{Account}}","objectType":"Contact"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Account18}}"}""").Is("applied", "bound-by-record");
    }

    [Fact]
    public void PersonAccount_a_pending_call_is_bound_by_a_tab_whose_alias_is_its_record()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Contact18}}"}""").Is("applied", "pending-owner");
        _tape.Feed(PersonTab("ctab0")).Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void PersonAccount_a_pending_call_for_the_person_is_bound_by_a_navigation_showing_an_alias()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Account}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/r/p","recordId":"{{Contact}}","accountId":"{{Account18}}"}""")
            .Is("applied", "bound-by-record").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Theory]
    [InlineData(Account)]
    [InlineData(Contact18)]
    public void PersonAccount_a_navigation_to_any_id_of_the_person_is_attributed_to_the_tab_showing_it(string navigated)
    {
        _tape.Feed(PersonTab("ctab0"), """{"type":"tabCreated","tabId":"ctab1","recordId":"500X"}""", """{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/r/p","recordId":"{{navigated}}"}""").OnTab("ctab0");
    }

    [Fact]
    public void PersonAccount_a_navigation_naming_the_person_by_an_alias_matches_a_tab_showing_the_plain_contact()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Contact}}"}""", """{"type":"tabCreated","tabId":"ctab1"}""",
            """{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/r/p","recordId":"{{Account}}","contactId":"{{Contact}}"}""").OnTab("ctab0");
    }

    [Fact]
    public void PersonAccount_a_click_on_the_person_binds_and_relates_the_person_once()
    {
        _tape.Feed(PersonTab("ctab0"));
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","recordId":"{{Contact}}","accountId":"{{Account}}","objectType":"Contact","tabId":"ctab0","at":"{{At(0)}}"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","recordId":"{{Account18}}","at":"{{At(1)}}"}""")
            .Is("applied", "bound-by-click-to-dial");
        var related = Assert.Single(_tape.Call("c1").RelatedRecords);
        Assert.Equal((Contact, Account), (related.RecordId, related.AccountId));
    }

    [Fact]
    public void PersonAccount_a_related_record_merges_with_its_aliases_and_keeps_its_place()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"500C","objectType":"Case"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Contact}}","objectType":"Contact","tabId":"ctab0"}""");
        Assert.Equal([Contact, "500C"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));

        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"{{Account}}","contactId":"{{Contact18}}","objectType":"Account"}""");
        var related = _tape.Call("c1").RelatedRecords;
        Assert.Equal([Contact, "500C"], related.Select(r => r.RecordId));
        Assert.Equal(Account, related[0].AccountId);
    }

    [Fact]
    public void PersonAccount_in_the_log_suggestion_the_contact_alias_is_who_and_the_account_alias_is_what()
    {
        _tape.Feed(PersonTab("ctab0"));
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Account}}"}""");
        var suggestion = _tape.Call("c1").LogSuggestion;
        Assert.Equal((Contact, Account), (suggestion.WhoId, suggestion.WhatId));
    }

    [Fact]
    public void PersonAccount_shown_as_the_contact_the_log_suggestion_still_names_the_account_as_what()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Contact}}","accountId":"{{Account}}","objectType":"Contact"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        var suggestion = _tape.Call("c1").LogSuggestion;
        Assert.Equal((Contact, Account), (suggestion.WhoId, suggestion.WhatId));
    }

    [Fact]
    public void PersonAccount_a_later_case_becomes_what_while_the_person_stays_who()
    {
        _tape.Feed(PersonTab("ctab0"), """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500C","objectType":"Case"}""");
        var suggestion = _tape.Call("c1").LogSuggestion;
        Assert.Equal((Contact, "500C"), (suggestion.WhoId, suggestion.WhatId));
    }

    [Fact]
    public void PersonAccount_aliases_without_record_id_are_ignored()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Contact}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","contactId":"{{Contact}}","accountId":"{{Account}}"}""").Is("applied", null)
            .Lists(Call("c1", "ringing", null));
        Assert.Null(_tape.Snapshot.Consoles[0].Tabs[0].Record);
    }
}
