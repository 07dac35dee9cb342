using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §4 Identity, record ids: a 15-character id and its 18-character form are one record, compared by the normal
/// form (the suffix sets each letter's case); an id that is not a valid 18-character form is its own normal form; ids
/// are reported as first given.
/// </summary>
public class RecordIdFormSpecs
{
    private readonly RuleTape _tape = new();

    // 003Fh00000QxTbK: chunks "003Fh" (F: bit 3, I), "00000" (A), "QxTbK" (Q, T, K: bits 0, 2, 4 = 21, V).
    private const string Id15 = "003Fh00000QxTbK";
    private const string Id18 = "003Fh00000QxTbKIAV";

    [Theory]
    [InlineData(Id15, Id15)]
    [InlineData(Id18, Id15)]
    [InlineData("003fh00000qxtbkiav", Id15)]
    [InlineData("003FH00000QXTBKIAV", Id15)]
    [InlineData("003Fh00000QxTbKiav", Id15)]
    [InlineData("003FH00000QXTBKAAA", "003fh00000qxtbk")]
    [InlineData("00QQQ00000QQQQQ2A5", "00QQQ00000QQQQQ")]
    [InlineData("00qqq00000qqqqq2a5", "00QQQ00000QQQQQ")]
    [InlineData("0015g00000XYZabAAH", "0015g00000XYZab")]
    public void Identity_the_normal_form_of_an_eighteen_character_id_is_fifteen_characters_cased_by_the_suffix(string id, string normal) =>
        Assert.Equal(normal, RecordIds.Normalize(id));

    [Theory]
    [InlineData("003Fh00000QxTbK9AV")]
    [InlineData("003Fh00000QxTbKI6V")]
    [InlineData("003Fh00000QxTbKIA!")]
    [InlineData("003Fh-0000QxTbKIAV")]
    [InlineData("003Fh00000QxTbKIAVX")]
    [InlineData("003Fh00000QxTbKIA")]
    [InlineData("003fh00000qxtbk")]
    [InlineData("a0X1")]
    [InlineData("003Fh00000QxTbKÍAV")]
    public void Identity_an_id_that_is_not_a_valid_eighteen_character_form_is_its_own_normal_form(string id) =>
        Assert.Equal(id, RecordIds.Normalize(id));

    [Theory]
    [InlineData(Id15, Id18, true)]
    [InlineData(Id15, "003fh00000qxtbkiav", true)]
    [InlineData(Id18, "003fh00000qxtbkiav", true)]
    [InlineData(Id15, "003fh00000qxtbk", false)]
    [InlineData(Id15, "003FH00000QXTBKAAA", false)]
    [InlineData("003fh00000qxtbk", "003FH00000QXTBKAAA", true)]
    [InlineData(Id15, "003Fh00000QxTbK9AV", false)]
    [InlineData("003Fh00000QxTbK9AV", "003Fh00000QxTbK9AV", true)]
    [InlineData("003Fh00000QxTbK9AV", "003fh00000qxtbk9av", false)]
    [InlineData("a0X1", "A0X1", false)]
    public void Identity_two_ids_are_the_same_record_when_their_normal_forms_are_equal(string a, string b, bool same)
    {
        Assert.Equal(same, RecordIds.Same(a, b));
        Assert.Equal(same, RecordIds.Same(b, a));
    }

    [Theory]
    [InlineData(Id18, Id15)]
    [InlineData(Id15, Id18)]
    [InlineData("003fh00000qxtbkiav", Id15)]
    public void Identity_a_call_binds_by_record_to_a_tab_showing_another_form_of_its_id(string tabRecord, string callRecord)
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{tabRecord}}"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{callRecord}}"}""")
            .Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void Identity_ids_differing_only_in_case_in_the_fifteen_character_form_are_different_records()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","recordId":"003fh00000qxtbk"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Id15}}"}""").Is("applied", "pending-owner");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"003FH00000QXTBKAAA"}""").Is("applied", "bound-by-record");
    }

    [Theory]
    [InlineData("tabCreated")]
    [InlineData("tabReplaced")]
    [InlineData("navigationChanged")]
    public void Identity_a_pending_call_is_bound_by_a_later_tab_showing_another_form_of_its_record(string type)
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Id15}}"}""").Is("applied", "pending-owner");
        var line = type == "navigationChanged"
            ? $$"""{"type":"navigationChanged","url":"/r/x","recordId":"{{Id18}}","tabId":"ctab1"}"""
            : $$"""{"type":"{{type}}","tabId":"ctab1","recordId":"{{Id18}}"}""";
        _tape.Feed(line).Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab1"));
    }

    [Fact]
    public void Identity_a_navigation_is_attributed_to_the_tab_showing_another_form_of_its_record()
    {
        _tape.Feed(
            $$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Id18}}"}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"500X"}""",
            """{"type":"tabFocused","currentTabId":"ctab1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/x","recordId":"003fh00000qxtbkiav"}""").OnTab("ctab0");
        // The focused tab keeps a navigation to the record it shows, in any form.
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""");
        _tape.Feed($$"""{"type":"navigationChanged","url":"/r/x","recordId":"{{Id15}}"}""").OnTab("ctab0");
    }

    [Fact]
    public void Identity_a_related_record_in_another_form_merges_and_is_reported_as_first_given()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Id18}}","objectType":"Contact"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{Id15}}","recordName":"Ada"}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"003fh00000qxtbkiav"}""").Is("applied");
        var related = Assert.Single(_tape.Call("c1").RelatedRecords);
        Assert.Equal((Id15, "Ada", "Contact"), (related.RecordId, related.RecordName, related.ObjectType));
        Assert.Equal(Id15, _tape.Call("c1").LogSuggestion.WhoId);
    }

    [Fact]
    public void Identity_a_click_binds_a_call_and_relates_the_click_record_once_in_either_form()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Id18}}"}""");
        _tape.Feed($$"""{"type":"clickToDial","number":"5550100","recordId":"{{Id15}}","tabId":"ctab0","at":"{{RuleTape.At(0)}}"}""");
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","recordId":"003fh00000qxtbkiav","at":"{{RuleTape.At(1)}}"}""")
            .Is("applied", "bound-by-click-to-dial");
        Assert.Equal([Id15], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void Identity_the_tab_reports_the_id_its_latest_event_gave()
    {
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab0","recordId":"{{Id15}}"}""", $$"""{"type":"tabReplaced","tabId":"ctab0","recordId":"{{Id18}}"}""");
        Assert.Equal(Id18, _tape.Snapshot.Consoles[0].Tabs[0].Record!.RecordId);
    }
}
