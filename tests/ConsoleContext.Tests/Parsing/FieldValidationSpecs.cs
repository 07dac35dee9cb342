using System.Text;
using System.Text.Json;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Tests.Parsing;

/// <summary>
/// R10 of spec v2: strict ids (the whole string), identifier and text limits, invalid text, numeric numbers,
/// case-variant field names, duplicate keys and what a rejection echoes.
/// </summary>
public class FieldValidationSpecs
{
    private static string Line(string type, string fields, string common = "") =>
        $$"""{"eventId":"e1","sessionId":"agent-1","type":"{{type}}"{{common}},{{fields}}}""";

    private static ConsoleEvent Accepted(string line)
    {
        var result = ConsoleEventParser.Parse(line);
        Assert.True(result.IsValid, result.Rejection?.Error);
        return result.Event!;
    }

    private static Decision Rejected(string line)
    {
        var result = ConsoleEventParser.Parse(line);
        Assert.False(result.IsValid, $"accepted: {line}");
        Assert.Equal(Outcomes.Rejected, result.Rejection!.Outcome);
        Assert.Empty(result.Rejection.Calls);
        Assert.Null(result.Rejection.TabId);
        return result.Rejection;
    }

    private static Decision Rejected(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var result = ConsoleEventParser.Parse(document.RootElement);
        Assert.False(result.IsValid);
        return result.Rejection!;
    }

    /// <summary>The error names the field, is one sentence, and the rejection can be written as JSON.</summary>
    private static void AssertNames(Decision rejection, string field)
    {
        Assert.Equal(Reasons.InvalidEvent, rejection.Reason);
        Assert.Contains(field, rejection.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\.\s+[A-Z]|\.$", rejection.Error);
        Assert.NotNull(DecisionJson.Deserialize(DecisionJson.Serialize(rejection)));
    }

    // ---- ids that match the whole string ----

    [Theory]
    [InlineData("sessionId", "agent-1\\n")]
    [InlineData("sessionId", "agent-1\\r\\n")]
    [InlineData("sessionId", "\\nagent-1")]
    [InlineData("sessionId", "agent-1\\u0000")]
    [InlineData("sessionId", "$agent")]
    [InlineData("sessionId", "agent/1")]
    [InlineData("consoleId", "w-1\\n")]
    [InlineData("consoleId", "w 1")]
    [InlineData("streamId", "b7\\n")]
    [InlineData("streamId", "b%37")]
    public void A_key_with_a_trailing_newline_or_a_bad_character_is_rejected(string field, string value)
    {
        var common = field == "sessionId" ? "" : $$""","{{field}}":"{{value}}" """;
        var line = field == "sessionId"
            ? $$"""{"eventId":"e1","sessionId":"{{value}}","type":"sessionEnded"}"""
            : $$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded"{{common}}}""";
        var rejection = Rejected(line);
        AssertNames(rejection, field);
        Assert.Equal(FieldRules.KeyProblem(field), rejection.Error);
    }

    [Fact]
    public void Console_and_stream_ids_of_128_characters_are_accepted_and_129_are_not()
    {
        var ok = new string('w', 128);
        var e = Accepted($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","consoleId":"{{ok}}","streamId":"{{ok}}"}""");
        Assert.Equal((ok, ok), (e.Header.ConsoleId, e.Header.StreamId));
        AssertNames(Rejected($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","consoleId":"{{ok}}w"}"""), "consoleId");
        AssertNames(Rejected($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","streamId":"{{ok}}w"}"""), "streamId");
    }

    [Fact]
    public void Empty_or_null_console_and_stream_ids_count_as_absent()
    {
        var e = Accepted("""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","consoleId":"","streamId":null}""");
        Assert.Equal((null, null), (e.Header.ConsoleId, e.Header.StreamId));
    }

    [Fact]
    public void Identifier_fields_take_1_to_256_printable_ascii_characters()
    {
        var longest = " " + new string('i', 254) + "~";
        Assert.Equal(longest, ((TabClosed)Accepted(Line("tabClosed", $$""" "tabId":"{{longest}}" """))).TabId);
        Assert.Equal(longest, ((CallStateChanged)Accepted(Line("callEnded", $$""" "callId":"{{longest}}" """))).CallId);
        Assert.Equal(FieldRules.IdentifierProblem("tabId"), Rejected(Line("tabClosed", $$""" "tabId":"{{longest}}i" """)).Error);
        Assert.Equal(FieldRules.IdentifierProblem("callId"), Rejected(Line("callEnded", $$""" "callId":"{{longest}}i" """)).Error);
    }

    [Theory]
    [InlineData("tabCreated", "\"tabId\":\"c\\n\"", "tabId")]
    [InlineData("tabCreated", "\"tabId\":\"ctab0\",\"parentTabId\":\"p\\u00e9\"", "parentTabId")]
    [InlineData("tabFocused", "\"currentTabId\":\"c\\u0007\"", "currentTabId")]
    [InlineData("tabFocused", "\"currentTabId\":\"c\",\"previousTabId\":\"\\u007f\"", "previousTabId")]
    [InlineData("navigationChanged", "\"url\":\"/x\",\"recordId\":\"001\\n\"", "recordId")]
    [InlineData("navigationChanged", "\"url\":\"/x\",\"recordId\":\"001A\",\"accountId\":\"\\u2028\"", "accountId")]
    [InlineData("clickToDial", "\"number\":\"555\",\"recordId\":\"003A\",\"contactId\":\"\\t\"", "contactId")]
    [InlineData("callStarted", "\"callId\":\"c\\r\",\"callType\":\"inbound\"", "callId")]
    [InlineData("callStarted", "\"callId\":\"c1\",\"callType\":\"inbound\",\"parentCallId\":\"\\u00a0\"", "parentCallId")]
    [InlineData("callConnected", "\"callId\":\"c1\",\"tabId\":\"t\\n\"", "tabId")]
    [InlineData("callClaimed", "\"callId\":\"c1\",\"tabId\":\"\\ud83d\\ude00\"", "tabId")]
    public void Every_identifier_field_is_checked(string type, string fields, string field) =>
        Assert.Equal(FieldRules.IdentifierProblem(field), Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("navigationChanged", "url", "")]
    [InlineData("tabCreated", "url", "\"tabId\":\"ctab0\",")]
    [InlineData("tabCreated", "objectType", "\"tabId\":\"ctab0\",\"recordId\":\"001A\",")]
    [InlineData("tabCreated", "recordName", "\"tabId\":\"ctab0\",\"recordId\":\"001A\",")]
    [InlineData("tabUpdated", "title", "\"tabId\":\"ctab0\",")]
    [InlineData("agentStatusChanged", "status", "")]
    [InlineData("callEnded", "disposition", "\"callId\":\"c1\",")]
    [InlineData("clickToDial", "number", "")]
    [InlineData("callStarted", "phoneNumber", "\"callId\":\"c1\",\"callType\":\"inbound\",")]
    [InlineData("callHeld", "phoneNumber", "\"callId\":\"c1\",")]
    public void Text_fields_take_at_most_2048_code_points_of_valid_unicode(string type, string field, string others)
    {
        // 2,048 code points, each two UTF-16 units: the limit counts code points, not units.
        var longest = string.Concat(Enumerable.Repeat("\ud83d\ude00", 2048));
        var accepted = Accepted(Line(type, $$"""{{others}}"{{field}}":"{{longest}}" """));
        Assert.Equal(accepted, ConsoleEventParser.Parse(ConsoleEventJson.Write(accepted)).Event);

        Assert.Equal(FieldRules.TextProblem(field), Rejected(Line(type, $$"""{{others}}"{{field}}":"{{longest}}x" """)).Error);
        Assert.Equal(FieldRules.TextProblem(field), Rejected(Line(type, $$"""{{others}}"{{field}}":"{{new string('x', 1_000_000)}}" """)).Error);
        var invalid = Rejected(Line(type, $$"""{{others}}"{{field}}":"a\ud800b" """));
        AssertNames(invalid, field);
        AssertNames(Rejected(Line(type, $$"""{{others}}"{{field}}":"a\udc00" """)), field);
    }

    [Fact]
    public void Call_events_carry_no_record_aliases_so_those_are_unknown_fields()
    {
        var started = (CallStarted)Accepted(Line("callStarted", """ "callId":"c1","callType":"inbound","recordId":"003A","accountId":5,"contactId":"x\n" """));
        Assert.Equal(new RecordRef("003A", null, null), started.Record);
        var connected = (CallStateChanged)Accepted(Line("callConnected", """ "callId":"c1","recordId":"003A","accountId":[] """));
        Assert.Equal(new RecordRef("003A", null, null), connected.Start!.Record);
    }

    [Fact]
    public void Control_characters_are_valid_text() =>
        Assert.Equal("Acme\n\t\u0001 | Case", ((TabUpdated)Accepted(Line("tabUpdated", """ "tabId":"ctab0","title":"Acme\n\t\u0001 | Case" """))).Title);

    [Theory]
    [InlineData("eventId")]
    [InlineData("sessionId")]
    [InlineData("type")]
    [InlineData("consoleId")]
    [InlineData("tabId")]
    [InlineData("url")]
    [InlineData("recordName")]
    public void Invalid_utf8_in_a_field_is_rejected_naming_the_field(string field)
    {
        var fields = new Dictionary<string, string>
        {
            ["eventId"] = "e1", ["sessionId"] = "agent-1", ["type"] = "tabCreated", ["tabId"] = "ctab0", ["recordId"] = "001A",
            ["url"] = "/x", ["recordName"] = "n", ["consoleId"] = "w1",
        };
        var json = "{" + string.Join(",", fields.Select(f => $"\"{f.Key}\":\"{(f.Key == field ? "@@" : f.Value)}\"")) + "}";
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = Encoding.UTF8.GetBytes(json).AsSpan().IndexOf("@@"u8);
        bytes.RemoveRange(at, 2);
        bytes.InsertRange(at, [(byte)'a', 0xC3, 0x28, 0xFF, (byte)'b']);

        var rejection = Rejected([.. bytes]);
        AssertNames(rejection, field);
        Assert.Equal($"{field} is not valid Unicode text (invalid UTF-8 or a lone surrogate)", rejection.Error);
    }

    [Fact]
    public void Invalid_utf8_in_an_unknown_field_or_its_name_is_never_read()
    {
        var bytes = new List<byte>();
        bytes.AddRange("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","tabId":"ctab0","extra":"a"""u8.ToArray());
        bytes.Add(0xFF);
        bytes.AddRange(""" ","x"""u8.ToArray());
        bytes.Add(0xFE);
        bytes.AddRange(""" ":1}"""u8.ToArray());
        using var document = JsonDocument.Parse(bytes.ToArray());
        var result = ConsoleEventParser.Parse(document.RootElement);
        Assert.True(result.IsValid, result.Rejection?.Error);
    }

    [Fact]
    public void A_lone_surrogate_in_an_echoed_field_gives_a_null_echo()
    {
        var rejection = Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"no\ud800pe"}""");
        Assert.Equal(("e1", "agent-1", null), (rejection.EventId, rejection.SessionId, rejection.Type));
        AssertNames(rejection, "type");
    }

    // ---- number and phoneNumber ----

    [Theory]
    [InlineData("4155550100", "4155550100")]
    [InlineData("0", "0")]
    [InlineData("-12", "-12")]
    [InlineData("123456789012345678901234567890", "123456789012345678901234567890")]
    [InlineData("\"+1 415 555 0100 x12\"", "+1 415 555 0100 x12")]
    public void A_number_is_a_string_or_a_json_integer_taken_as_its_decimal_text(string given, string text)
    {
        Assert.Equal(text, ((ClickToDial)Accepted(Line("clickToDial", $$""" "number":{{given}}"""))).Number);
        Assert.Equal(text, ((CallStarted)Accepted(Line("callStarted", $$""" "callId":"c1","callType":"inbound","phoneNumber":{{given}}"""))).PhoneNumber);
        Assert.Equal(text, ((CallStateChanged)Accepted(Line("callConnected", $$""" "callId":"c1","phoneNumber":{{given}}"""))).Start!.PhoneNumber);
    }

    [Theory]
    [InlineData("4155550100.0")]
    [InlineData("4.1e9")]
    [InlineData("true")]
    [InlineData("[4155550100]")]
    [InlineData("{}")]
    public void A_number_of_another_json_kind_is_rejected(string given) =>
        Assert.Equal("number must be a string or an integer", Rejected(Line("clickToDial", $$""" "number":{{given}}""")).Error);

    [Fact]
    public void A_required_number_must_not_be_empty_and_an_optional_one_empty_is_absent()
    {
        Assert.Equal("number must not be empty", Rejected(Line("clickToDial", """ "number":"" """)).Error);
        Assert.Equal("number is required for clickToDial", Rejected(Line("clickToDial", """ "number":null""")).Error);
        Assert.Null(((CallStarted)Accepted(Line("callStarted", """ "callId":"c1","callType":"inbound","phoneNumber":"" """))).PhoneNumber);
    }

    // ---- seq and replayed ----

    [Theory]
    [InlineData("9223372036854775808", "seq must be at most 9223372036854775807 (2^63-1)")]
    [InlineData("18446744073709551616", "seq must be at most 9223372036854775807 (2^63-1)")]
    [InlineData("-9223372036854775809", "seq must be an integer >= 1")]
    [InlineData("1.0", "seq must be an integer >= 1")]
    [InlineData("\"\"", "seq must be an integer >= 1")]
    [InlineData("-0", "seq must be an integer >= 1")]
    public void A_seq_beyond_2_to_the_63_or_not_an_integer_is_rejected(string seq, string error) =>
        Assert.Equal(error, Rejected($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","seq":{{seq}}}""").Error);

    [Fact]
    public void An_empty_string_for_replayed_is_a_wrong_type() =>
        Assert.Equal("replayed must be true or false", Rejected(Line("callStarted", """ "callId":"c1","callType":"inbound","replayed":"" """)).Error);

    // ---- case-variant field names ----

    [Theory]
    [InlineData("tabCreated", "\"tabId\":\"ctab0\",\"recordID\":\"001A\"", "recordID", "recordId")]
    [InlineData("tabClosed", "\"TabId\":\"ctab0\"", "TabId", "tabId")]
    [InlineData("tabClosed", "\"tabId\":\"ctab0\",\"TABID\":\"ctab1\"", "TABID", "tabId")]
    [InlineData("callStarted", "\"callId\":\"c1\",\"callType\":\"inbound\",\"PhoneNumber\":\"555\"", "PhoneNumber", "phoneNumber")]
    [InlineData("tabFocused", "\"currentTabID\":\"ctab0\"", "currentTabID", "currentTabId")]
    [InlineData("sessionEnded", "\"EventId\":\"e2\"", "EventId", "eventId")]
    [InlineData("sessionEnded", "\"SEQ\":3", "SEQ", "seq")]
    [InlineData("sessionEnded", "\"consoleID\":\"w1\"", "consoleID", "consoleId")]
    [InlineData("sessionEnded", "\"Type\":\"tabCreated\"", "Type", "type")]
    public void A_field_name_that_differs_only_by_letter_case_is_rejected_naming_both_spellings(string type, string fields, string given, string field)
    {
        var rejection = Rejected(Line(type, fields));
        Assert.Equal($"field \"{given}\" differs from \"{field}\" only by letter case", rejection.Error);
        AssertNames(rejection, given);
    }

    [Theory]
    [InlineData("T\\u0061bId")]
    [InlineData("\\u0054\\u0061\\u0062\\u0049\\u0064")]
    public void A_case_variant_spelled_with_json_escapes_is_found_too(string escapedName) =>
        Assert.Equal("field \"TabId\" differs from \"tabId\" only by letter case",
            Rejected(Line("tabClosed", $$""" "{{escapedName}}":"ctab0" """)).Error);

    [Fact]
    public void An_exact_field_name_spelled_with_json_escapes_is_that_field() =>
        Assert.Equal("ctab0", ((TabClosed)Accepted(Line("tabClosed", """ "t\u0061bId":"ctab0" """))).TabId);

    [Fact]
    public void A_case_variant_of_a_common_field_is_reported_before_an_unknown_type()
    {
        var rejection = Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"screenPop","StreamId":"b1"}""");
        Assert.Equal(Reasons.InvalidEvent, rejection.Reason);
        Assert.Equal("field \"StreamId\" differs from \"streamId\" only by letter case", rejection.Error);
    }

    [Fact]
    public void A_case_variant_of_a_field_of_another_type_is_an_unknown_extra_field()
    {
        var e = Accepted(Line("tabClosed", """ "tabId":"ctab0","CallId":"c1","Title":"x" """));
        Assert.Equal("ctab0", ((TabClosed)e).TabId);
    }

    // ---- duplicate keys, echoes ----

    [Fact]
    public void With_duplicate_keys_the_last_wins()
    {
        var e = Accepted("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","tabId":"first","tabId":"last","seq":1,"seq":2}""");
        Assert.Equal(("last", 2L), (((TabClosed)e).TabId, e.Header.Seq));
        Assert.Equal("tabId must be a string", Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","tabId":"ok","tabId":5}""").Error);
    }

    [Fact]
    public void A_rejection_echoes_a_non_empty_console_id_string_even_an_invalid_one()
    {
        var rejection = Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","consoleId":"w 1","tabId":"ctab0"}""");
        Assert.Equal(("e1", "agent-1", "tabClosed", "w 1"), (rejection.EventId, rejection.SessionId, rejection.Type, rejection.ConsoleId));
        Assert.Null(Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","consoleId":""}""").ConsoleId);
        Assert.Null(Rejected("""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","consoleId":7}""").ConsoleId);
    }

    [Fact]
    public void A_rejection_echoes_a_session_id_with_a_trailing_newline_as_given()
    {
        var rejection = Rejected("""{"eventId":"e1","sessionId":"x\n","type":"sessionEnded"}""");
        Assert.Equal("x\n", rejection.SessionId);
        Assert.Equal(ConsoleEventParser.SessionIdRule, rejection.Error);
    }

    [Fact]
    public void An_unknown_type_is_quoted_in_the_error_cut_at_64_code_points()
    {
        var type = string.Concat(Enumerable.Repeat("\ud83d\ude00", 100));
        var rejection = ConsoleEventParser.Parse($$"""{"eventId":"e1","sessionId":"agent-1","type":"{{type}}"}""").Rejection!;
        Assert.Equal(Reasons.UnknownType, rejection.Reason);
        Assert.Equal($"type \"{string.Concat(Enumerable.Repeat("\ud83d\ude00", 64))}...\" is not a known event type", rejection.Error);
    }
}
