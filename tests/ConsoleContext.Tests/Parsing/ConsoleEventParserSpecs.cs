using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Xunit;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Tests.Parsing;

public class ConsoleEventParserSpecs
{
    private static readonly DateTimeOffset NineFifteen = new(2026, 11, 24, 9, 15, 0, TimeSpan.Zero);
    private static readonly EventHeader Header = new("e1", "agent-1", 7, NineFifteen);

    /// <summary>A valid line of the given type: the common fields (with seq 7 and at) plus the type's own fields.</summary>
    private static string Line(string type, string fields = "") =>
        $$"""{"eventId":"e1","sessionId":"agent-1","type":"{{type}}","seq":7,"at":"2026-11-24T09:15:00Z"{{(fields.Length > 2 ? "," + fields[1..^1] : "")}}}""";

    private static ConsoleEvent Accepted(string line)
    {
        var result = ConsoleEventParser.Parse(line);
        Assert.True(result.IsValid, result.Rejection?.Error);
        Assert.Null(result.Rejection);
        return result.Event!;
    }

    private static Decision Rejected(string line, string reason = Reasons.InvalidEvent)
    {
        var result = ConsoleEventParser.Parse(line);
        Assert.False(result.IsValid);
        Assert.Null(result.Event);
        var decision = result.Rejection!;
        Assert.Equal(Outcomes.Rejected, decision.Outcome);
        Assert.Equal(reason, decision.Reason);
        Assert.Null(decision.TabId);
        Assert.Empty(decision.Calls);
        Assert.False(string.IsNullOrWhiteSpace(decision.Error));
        return decision;
    }

    private static void RejectedNaming(string line, string field) =>
        Assert.Contains(field, Rejected(line).Error, StringComparison.Ordinal);

    // ---- every type parses into its record ----

    [Fact]
    public void TabCreated_carries_tab_parent_record_and_url()
    {
        var e = Accepted(Line("tabCreated",
            """{"tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500A","objectType":"Case","recordName":"00001","url":"/lightning/r/Case/500A/view","title":"ignored"}"""));
        Assert.Equal(new TabCreated(Header, "ctab0_1", "ctab0", new RecordRef("500A", "Case", "00001"), "/lightning/r/Case/500A/view"), e);
        Assert.Equal(EventTypes.TabCreated, e.Type);
        Assert.Equal("ctab0_1", e.NamedTabId);
    }

    [Fact]
    public void TabCreated_with_only_a_tab_id_is_a_primary_tab_without_record()
    {
        var e = Accepted(Line("tabCreated", """{"tabId":"ctab0"}"""));
        Assert.Equal(new TabCreated(Header, "ctab0", null, null, null), e);
    }

    [Fact]
    public void TabFocused_names_the_current_tab()
    {
        var e = Accepted(Line("tabFocused", """{"currentTabId":"ctab1","previousTabId":"ctab0"}"""));
        Assert.Equal(new TabFocused(Header, "ctab1", "ctab0"), e);
        Assert.Equal("ctab1", e.NamedTabId);
    }

    [Fact]
    public void TabClosed_names_its_tab() =>
        Assert.Equal(new TabClosed(Header, "ctab0"), Accepted(Line("tabClosed", """{"tabId":"ctab0"}""")));

    [Fact]
    public void TabReplaced_carries_the_new_record()
    {
        var e = Accepted(Line("tabReplaced", """{"tabId":"ctab0","recordId":"001A","objectType":"Account","recordName":"Acme","url":"/r/001A"}"""));
        Assert.Equal(new TabReplaced(Header, "ctab0", new RecordRef("001A", "Account", "Acme"), "/r/001A"), e);
    }

    [Fact]
    public void TabRefreshed_names_its_tab() =>
        Assert.Equal(new TabRefreshed(Header, "ctab0"), Accepted(Line("tabRefreshed", """{"tabId":"ctab0"}""")));

    [Fact]
    public void TabUpdated_carries_the_title() =>
        Assert.Equal(new TabUpdated(Header, "ctab0", "Acme | Account"), Accepted(Line("tabUpdated", """{"tabId":"ctab0","title":"Acme | Account"}""")));

    [Fact]
    public void NavigationChanged_carries_url_record_and_optional_tab()
    {
        var withTab = Accepted(Line("navigationChanged", """{"url":"/r/003B","recordId":"003B","objectType":"Contact","recordName":"Ann","tabId":"ctab2"}"""));
        Assert.Equal(new NavigationChanged(Header, "/r/003B", new RecordRef("003B", "Contact", "Ann"), "ctab2"), withTab);

        var withoutTab = Accepted(Line("navigationChanged", """{"url":"/home"}"""));
        Assert.Equal(new NavigationChanged(Header, "/home", null, null), withoutTab);
        Assert.Null(withoutTab.NamedTabId);
    }

    [Fact]
    public void ClickToDial_carries_number_record_and_optional_tab()
    {
        var e = Accepted(Line("clickToDial", """{"number":"+1 (555) 010-0100","recordId":"003B","objectType":"Contact","recordName":"Ann","tabId":"ctab0"}"""));
        Assert.Equal(new ClickToDial(Header, "+1 (555) 010-0100", new RecordRef("003B", "Contact", "Ann"), "ctab0"), e);
    }

    [Fact]
    public void CallStarted_carries_every_field()
    {
        var e = Accepted(Line("callStarted",
            """{"callId":"c2","callType":"consult","phoneNumber":"5550100","recordId":"003B","objectType":"Contact","tabId":"ctab0","parentCallId":"c1","replayed":true}"""));
        Assert.Equal(new CallStarted(Header, "c2", "consult", "5550100", new RecordRef("003B", "Contact", null), "ctab0", "c1", true), e);
    }

    [Fact]
    public void CallStarted_with_only_required_fields_is_not_a_replay()
    {
        var e = Accepted(Line("callStarted", """{"callId":"c1","callType":"inbound"}"""));
        Assert.Equal(new CallStarted(Header, "c1", "inbound", null, null, null, null, false), e);
    }

    [Theory]
    [InlineData("callConnected")]
    [InlineData("callHeld")]
    [InlineData("callResumed")]
    public void Call_state_events_carry_their_type_and_call(string type)
    {
        var e = Accepted(Line(type, """{"callId":"c1"}"""));
        Assert.Equal(new CallStateChanged(Header, type, "c1", null), e);
        Assert.Equal(type, e.Type);
    }

    [Fact]
    public void CallEnded_carries_the_disposition()
    {
        var e = Accepted(Line("callEnded", """{"callId":"c1","disposition":"resolved"}"""));
        Assert.Equal(new CallStateChanged(Header, EventTypes.CallEnded, "c1", "resolved"), e);
    }

    [Fact]
    public void CallClaimed_names_call_and_tab() =>
        Assert.Equal(new CallClaimed(Header, "c1", "ctab1"), Accepted(Line("callClaimed", """{"callId":"c1","tabId":"ctab1"}""")));

    [Fact]
    public void AgentStatusChanged_carries_the_status() =>
        Assert.Equal(new AgentStatusChanged(Header, "Busy"), Accepted(Line("agentStatusChanged", """{"status":"Busy"}""")));

    [Fact]
    public void SessionEnded_needs_no_fields() =>
        Assert.Equal(new SessionEnded(Header), Accepted(Line("sessionEnded")));

    [Fact]
    public void Seq_and_at_are_optional()
    {
        var e = Accepted("""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded"}""");
        Assert.Equal(new EventHeader("e1", "agent-1", null, null), e.Header);
    }

    [Fact]
    public void At_keeps_its_offset()
    {
        var e = Accepted("""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","at":"2026-11-24T11:15:00.250+02:00"}""");
        Assert.Equal(NineFifteen.AddMilliseconds(250), e.Header.At);
        Assert.Equal(TimeSpan.FromHours(2), e.Header.At!.Value.Offset);
    }

    [Fact]
    public void Largest_seq_and_longest_ids_are_accepted()
    {
        var id = new string('x', 128);
        var e = Accepted($$"""{"eventId":"{{id}}","sessionId":"{{id}}","type":"sessionEnded","seq":{{long.MaxValue}}}""");
        Assert.Equal(new EventHeader(id, id, long.MaxValue, null), e.Header);
    }

    [Fact]
    public void EventId_may_use_any_printable_ascii_including_space()
    {
        var e = Accepted("""{"eventId":" ~!\"{}","sessionId":"a.b_c:d@e-f","type":"sessionEnded"}""");
        Assert.Equal(" ~!\"{}", e.EventId);
        Assert.Equal("a.b_c:d@e-f", e.SessionId);
    }

    [Theory]
    [InlineData("INBOUND", "inbound")]
    [InlineData("Outbound", "outbound")]
    [InlineData("callBack", "callback")]
    [InlineData("Transfer", "transfer")]
    [InlineData("InternalCall", "internal")]
    [InlineData("DIALEDCALLBACK", "callback")]
    [InlineData("AddParticipant", "transfer")]
    [InlineData("Internal Call", null)]
    [InlineData("internal", "internal")]
    [InlineData("CONSULT", "consult")]
    public void CallType_is_case_insensitive_and_stored_lower_case(string given, string? stored)
    {
        var line = Line("callStarted", $$"""{"callId":"c1","callType":"{{given}}"}""");
        if (stored is null)
            RejectedNaming(line, "callType");
        else
            Assert.Equal(stored, ((CallStarted)Accepted(line)).CallType);
    }

    [Fact]
    public void Null_counts_as_absent_for_optional_fields()
    {
        var e = Accepted("""{"eventId":"e1","sessionId":"agent-1","type":"callStarted","seq":null,"at":null,"callId":"c1","callType":"inbound","phoneNumber":null,"recordId":null,"tabId":null,"parentCallId":null,"replayed":null}""");
        Assert.Equal(new CallStarted(new EventHeader("e1", "agent-1", null, null), "c1", "inbound", null, null, null, null, false), e);
    }

    [Fact]
    public void Empty_optional_strings_count_as_absent()
    {
        var e = Accepted(Line("tabCreated", """{"tabId":"ctab0","parentTabId":"","recordId":"","objectType":"","url":""}"""));
        Assert.Equal(new TabCreated(Header, "ctab0", null, null, null), e);
    }

    [Fact]
    public void Record_details_without_a_record_id_are_no_record()
    {
        var e = Accepted(Line("navigationChanged", """{"url":"/home","objectType":"Case","recordName":"x"}"""));
        Assert.Null(((NavigationChanged)e).Record);
    }

    [Fact]
    public void Unknown_extra_fields_are_ignored()
    {
        var e = Accepted(Line("tabClosed", """{"tabId":"ctab0","extra":{"nested":[1,2,{"x":null}]},"another":12.5,"kind":"bogus"}"""));
        Assert.Equal(new TabClosed(Header, "ctab0"), e);
    }

    [Fact]
    public void The_json_element_overload_decides_like_the_line_overload()
    {
        using var document = System.Text.Json.JsonDocument.Parse(Line("tabClosed", """{"tabId":"ctab0"}"""));
        Assert.Equal(new TabClosed(Header, "ctab0"), ConsoleEventParser.Parse(document.RootElement).Event);
    }

    // ---- R10: bad input is rejected and the error names the field ----

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"eventId\":\"e1\",")]
    [InlineData("{\"eventId\":\"e1\"} trailing")]
    [InlineData("")]
    public void R10_a_line_that_is_not_json_is_rejected(string line)
    {
        var decision = Rejected(line);
        Assert.Contains("JSON", decision.Error, StringComparison.Ordinal);
        Assert.Null(decision.EventId);
        Assert.Null(decision.SessionId);
        Assert.Null(decision.Type);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"tabCreated\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void R10_json_that_is_not_an_object_is_rejected(string line) =>
        Assert.Contains("object", Rejected(line).Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"sessionId":"agent-1","type":"sessionEnded"}""", "eventId")]
    [InlineData("""{"eventId":"e1","type":"sessionEnded"}""", "sessionId")]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1"}""", "type")]
    [InlineData("""{"eventId":null,"sessionId":"agent-1","type":"sessionEnded"}""", "eventId")]
    [InlineData("""{"eventId":"e1","sessionId":null,"type":"sessionEnded"}""", "sessionId")]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1","type":null}""", "type")]
    public void R10_a_missing_common_field_is_named(string line, string field) =>
        Assert.Equal($"{field} is required", Rejected(line).Error);

    [Theory]
    [InlineData("""{"eventId":7,"sessionId":"agent-1","type":"sessionEnded"}""", "eventId")]
    [InlineData("""{"eventId":"e1","sessionId":["agent-1"],"type":"sessionEnded"}""", "sessionId")]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1","type":true}""", "type")]
    public void R10_a_common_field_that_is_not_a_string_is_named(string line, string field) =>
        Assert.Equal($"{field} must be a string", Rejected(line).Error);

    [Theory]
    [InlineData("""{"eventId":"","sessionId":"agent-1","type":"sessionEnded"}""", "eventId")]
    [InlineData("""{"eventId":"e1","sessionId":"","type":"sessionEnded"}""", "sessionId")]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1","type":""}""", "type")]
    public void R10_an_empty_common_field_is_named(string line, string field) =>
        Assert.Equal($"{field} must not be empty", Rejected(line).Error);

    [Fact]
    public void R10_an_event_id_of_129_characters_is_rejected()
    {
        var line = $$"""{"eventId":"{{new string('e', 129)}}","sessionId":"agent-1","type":"sessionEnded"}""";
        RejectedNaming(line, "eventId");
    }

    [Theory]
    [InlineData("e\\u0001")]
    [InlineData("tab\\there")]
    [InlineData("caf\\u00e9")]
    [InlineData("e\\u007f")]
    [InlineData("e\\n")]
    public void R10_an_event_id_with_a_non_printable_character_is_rejected(string escapedId) =>
        RejectedNaming($$"""{"eventId":"{{escapedId}}","sessionId":"agent-1","type":"sessionEnded"}""", "eventId");

    [Theory]
    [InlineData("agent 1")]
    [InlineData("agent/1")]
    [InlineData("agent#1")]
    [InlineData("agént")]
    public void R10_a_session_id_with_a_bad_character_is_rejected(string sessionId) =>
        RejectedNaming($$"""{"eventId":"e1","sessionId":"{{sessionId}}","type":"sessionEnded"}""", "sessionId");

    [Fact]
    public void R10_a_session_id_of_129_characters_is_rejected() =>
        RejectedNaming($$"""{"eventId":"e1","sessionId":"{{new string('s', 129)}}","type":"sessionEnded"}""", "sessionId");

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.0")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("99999999999999999999")]
    [InlineData("true")]
    [InlineData("[1]")]
    public void R10_a_seq_that_is_not_an_integer_of_at_least_one_is_rejected(string seq) =>
        RejectedNaming($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","seq":{{seq}}}""", "seq");

    [Theory]
    [InlineData("\"2026-11-24T09:15:00\"")]
    [InlineData("\"2026-11-24\"")]
    [InlineData("\"2026-11-24 09:15:00Z\"")]
    [InlineData("\"24/11/2026 09:15:00 +00:00\"")]
    [InlineData("\"2026-13-24T09:15:00Z\"")]
    [InlineData("\"2026-02-30T09:15:00Z\"")]
    [InlineData("\"2026-11-24T25:15:00Z\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1764000000")]
    [InlineData("{}")]
    public void R10_an_at_that_is_not_an_iso_timestamp_with_offset_is_rejected(string at) =>
        RejectedNaming($$"""{"eventId":"e1","sessionId":"agent-1","type":"sessionEnded","at":{{at}}}""", "at");

    [Fact]
    public void R10_a_call_type_outside_the_list_is_rejected() =>
        RejectedNaming(Line("callStarted", """{"callId":"c1","callType":"phone"}"""), "callType");

    [Theory]
    [InlineData("tabCreated", "tabId")]
    [InlineData("tabClosed", "tabId")]
    [InlineData("tabReplaced", "tabId")]
    [InlineData("tabRefreshed", "tabId")]
    [InlineData("tabUpdated", "tabId")]
    [InlineData("navigationChanged", "url")]
    [InlineData("clickToDial", "number")]
    [InlineData("callConnected", "callId")]
    [InlineData("callHeld", "callId")]
    [InlineData("callResumed", "callId")]
    [InlineData("callEnded", "callId")]
    [InlineData("agentStatusChanged", "status")]
    public void R10_a_missing_required_field_is_named_with_its_type(string type, string field) =>
        Assert.Equal($"{field} is required for {type}", Rejected(Line(type)).Error);

    [Theory]
    [InlineData("""{"callType":"inbound"}""", "callId is required for callStarted")]
    [InlineData("""{"callId":"c1"}""", "callType is required for callStarted")]
    [InlineData("""{"callId":"c1"}""", "tabId is required for callClaimed", "callClaimed")]
    [InlineData("""{"tabId":"ctab0"}""", "callId is required for callClaimed", "callClaimed")]
    public void R10_each_of_two_required_fields_is_named(string fields, string error, string type = "callStarted") =>
        Assert.Equal(error, Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("tabClosed", """{"tabId":""}""", "tabId must not be empty")]
    [InlineData("navigationChanged", """{"url":""}""", "url must not be empty")]
    [InlineData("callStarted", """{"callId":"c1","callType":""}""", "callType must not be empty")]
    [InlineData("agentStatusChanged", """{"status":""}""", "status must not be empty")]
    public void R10_an_empty_required_string_is_rejected(string type, string fields, string error) =>
        Assert.Equal(error, Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("tabClosed", """{"tabId":null}""", "tabId is required for tabClosed")]
    [InlineData("callClaimed", """{"callId":"c1","tabId":null}""", "tabId is required for callClaimed")]
    public void R10_a_required_field_given_as_null_is_missing(string type, string fields, string error) =>
        Assert.Equal(error, Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("tabClosed", """{"tabId":5}""", "tabId must be a string")]
    [InlineData("navigationChanged", """{"url":{"href":"/x"}}""", "url must be a string")]
    [InlineData("callStarted", """{"callId":1,"callType":"inbound"}""", "callId must be a string")]
    public void R10_a_required_field_of_the_wrong_type_is_named(string type, string fields, string error) =>
        Assert.Equal(error, Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("tabCreated", """{"tabId":"ctab0","recordId":5}""", "recordId must be a string")]
    [InlineData("tabCreated", """{"tabId":"ctab0","parentTabId":["ctab1"]}""", "parentTabId must be a string")]
    [InlineData("tabCreated", """{"tabId":"ctab0","url":false}""", "url must be a string")]
    [InlineData("tabFocused", """{"currentTabId":"ctab0","previousTabId":1}""", "previousTabId must be a string")]
    [InlineData("tabUpdated", """{"tabId":"ctab0","title":{}}""", "title must be a string")]
    [InlineData("navigationChanged", """{"url":"/x","objectType":3}""", "objectType must be a string")]
    [InlineData("navigationChanged", """{"url":"/x","recordId":"001A","recordName":true}""", "recordName must be a string")]
    [InlineData("clickToDial", """{"number":"555","tabId":0}""", "tabId must be a string")]
    [InlineData("callStarted", """{"callId":"c1","callType":"inbound","replayed":"yes"}""", "replayed must be true or false")]
    [InlineData("callStarted", """{"callId":"c1","callType":"inbound","replayed":1}""", "replayed must be true or false")]
    [InlineData("callStarted", """{"callId":"c1","callType":"inbound","phoneNumber":5550100.5}""", "phoneNumber must be a string or an integer")]
    [InlineData("callStarted", """{"callId":"c1","callType":"inbound","phoneNumber":true}""", "phoneNumber must be a string or an integer")]
    [InlineData("callStarted", """{"callId":"c1","callType":"inbound","parentCallId":2}""", "parentCallId must be a string")]
    [InlineData("callEnded", """{"callId":"c1","disposition":0}""", "disposition must be a string")]
    public void R10_an_optional_field_of_the_wrong_type_is_as_invalid_as_a_required_one(string type, string fields, string error) =>
        Assert.Equal(error, Rejected(Line(type, fields)).Error);

    [Theory]
    [InlineData("TabCreated")]
    [InlineData("tabcreated")]
    [InlineData("onNavigationChange")]
    [InlineData("CALL_STARTED")]
    public void R10_a_well_formed_line_with_an_unknown_type_is_rejected_as_unknown_type(string type)
    {
        var decision = Rejected(Line(type, """{"tabId":"ctab0"}"""), Reasons.UnknownType);
        Assert.Contains(type, decision.Error, StringComparison.Ordinal);
        Assert.Contains("type", decision.Error, StringComparison.Ordinal);
        Assert.Equal(type, decision.Type);
    }

    [Theory]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1","type":"noSuchType","seq":0}""", "seq")]
    [InlineData("""{"eventId":"e1","sessionId":"agent-1","type":"noSuchType","at":"soon"}""", "at")]
    [InlineData("""{"eventId":"e1","sessionId":"agent 1","type":"noSuchType"}""", "sessionId")]
    public void R10_common_fields_are_validated_before_the_type(string line, string field) =>
        RejectedNaming(line, field);

    [Fact]
    public void R10_a_rejection_echoes_the_event_id_session_id_and_type_it_could_read()
    {
        var decision = Rejected(Line("tabClosed"));
        Assert.Equal(("e1", "agent-1", "tabClosed"), (decision.EventId, decision.SessionId, decision.Type));
    }

    [Fact]
    public void R10_a_rejection_echoes_string_fields_even_when_they_are_invalid()
    {
        var decision = Rejected("""{"eventId":"e1","sessionId":"agent 1","type":"tabClosed","tabId":"ctab0"}""");
        Assert.Equal(("e1", "agent 1", "tabClosed"), (decision.EventId, decision.SessionId, decision.Type));
    }

    [Fact]
    public void R10_a_rejection_echoes_null_for_fields_that_are_not_strings()
    {
        var decision = Rejected("""{"eventId":12,"sessionId":{"id":"agent-1"},"type":["tabClosed"]}""");
        Assert.Equal((null, null, null), (decision.EventId, decision.SessionId, decision.Type));
    }

    [Fact]
    public void R10_a_rejection_echoes_null_for_missing_fields()
    {
        var decision = Rejected("""{"type":"tabClosed"}""");
        Assert.Equal((null, null, "tabClosed"), (decision.EventId, decision.SessionId, decision.Type));
    }
}
