using ConsoleContext.Native;
using Xunit;
using static ConsoleContext.Tests.Native.Envelopes;

namespace ConsoleContext.Tests.Native;

/// <summary>Service Cloud Voice connector events (scv-connector-base PhoneCall payloads) and their documented quirks.</summary>
public sealed class VoiceMapperSpecs
{
    private static readonly ActiveCall[] TwoLegs =
    [
        new("c-1", "inbound", "connected"),
        new("c-0", "inbound", "ended"),
        new("c-2", "consult", "ringing"),
    ];

    [Fact]
    public void A_started_call_takes_its_type_as_spelled_its_number_contact_record_and_parent()
    {
        var mapping = WithMembers("scv.CALL_STARTED", """
            "payload":{"call":{"callId":"c-9","callType":"Inbound","phoneNumber":"+1 415 555 0142",
              "callInfo":{"callStateTimestamp":"2026-11-29T10:15:00.000Z","initialCallId":"c-8","isOnHold":false},
              "callAttributes":{"participantType":"Initial_Caller","parentId":"c-7"},
              "contact":{"recordId":"003B","phoneNumber":"+1 415 555 0142"}}}
            """);

        Assert.Equal("""{"type":"callStarted","callId":"c-9","callType":"Inbound","phoneNumber":"+1 415 555 0142","recordId":"003B","parentCallId":"c-7"}""",
            Single(mapping));
        AllParse(mapping);
    }

    [Theory]
    [InlineData("CALL_STARTED")]
    [InlineData("QUEUED_CALL_STARTED")]
    public void The_initial_call_id_is_a_parent_only_when_it_names_another_call_and_a_replayed_call_says_so(string source)
    {
        Assert.Equal("""{"type":"callStarted","callId":"c-9","callType":"Callback","replayed":true}""",
            Single(Envelope("scv." + source, """{"call":{"callId":"c-9","callType":"Callback","callInfo":{"initialCallId":"c-9"},"isReplayedCall":true}}""")));
        Assert.Equal("""{"type":"callStarted","callId":"c-9","callType":"Outbound","parentCallId":"c-3"}""",
            Single(Envelope("scv." + source, """{"call":{"callId":"c-9","callType":"Outbound","callInfo":{"initialCallId":"c-3"}}}""")));
    }

    [Fact]
    public void The_call_state_timestamp_is_the_event_time_only_when_the_envelope_has_none()
    {
        var withoutAt = Map("""
            {"eventId":"e1","sessionId":"agent-1","source":"scv.CALL_STARTED",
             "payload":{"call":{"callId":"c-9","callType":"Inbound","callInfo":{"callStateTimestamp":1795950000000}}}}
            """);
        var withAt = Envelope("scv.CALL_STARTED", """{"call":{"callId":"c-9","callType":"Inbound","callInfo":{"callStateTimestamp":1795950000000}}}""");

        Assert.Equal("2026-11-29T11:00:00.000Z", (string)withoutAt.Items[0].Event!["at"]!);
        Assert.Equal("2026-11-29T10:15:02.125Z", (string)withAt.Items[0].Event!["at"]!);
        AllParse(withoutAt);
        Assert.Equal("payload.call.callInfo.callStateTimestamp must be an ISO-8601 timestamp or epoch milliseconds in the years 2000-2099",
            Error(Envelope("scv.CALL_STARTED", """{"call":{"callId":"c-9","callType":"Inbound","callInfo":{"callStateTimestamp":-5}}}""")));
    }

    [Fact]
    public void A_started_call_without_id_or_type_is_rejected_naming_the_payload_field()
    {
        Assert.Equal("payload.call.callId is required for scv.CALL_STARTED", Error(Envelope("scv.CALL_STARTED", """{"call":{"callType":"Inbound"}}""")));
        Assert.Equal("payload.call.callType is required for scv.CALL_STARTED", Error(Envelope("scv.CALL_STARTED", """{"call":{"callId":"c-1"}}""")));
        Assert.Equal("payload.call is required for scv.CALL_STARTED", Error(Envelope("scv.CALL_STARTED", """{}""")));
    }

    [Fact]
    public void A_connected_call_carries_the_start_fields_for_adoption()
    {
        var mapping = Envelope("scv.CALL_CONNECTED", """{"call":{"callId":"c-9","callType":"Inbound","phoneNumber":"4155550142","contact":{"recordId":"003B"}}}""");

        Assert.Equal("""{"type":"callConnected","callId":"c-9","callType":"Inbound","phoneNumber":"4155550142","recordId":"003B"}""", Single(mapping));
        AllParse(mapping);
    }

    [Fact]
    public void A_failed_call_ends_that_call_or_without_one_every_ringing_call_of_the_session()
    {
        Assert.Equal("""{"type":"callEnded","callId":"c-4"}""", Single(Envelope("scv.CALL_FAILED", """{"call":{"callId":"c-4"}}""")));

        Assert.True(Envelope("scv.CALL_FAILED", """null""").NeedsActiveCalls);
        Assert.Equal(["""{"type":"callEnded","callId":"c-2"}"""], Bodies(Envelope("scv.CALL_FAILED", """null""", calls: TwoLegs)));
    }

    [Fact]
    public void Hold_toggle_legs_follow_their_own_isOnHold_in_the_order_given_as_an_array_or_an_object_keyed_by_call_id()
    {
        var array = WithMembers("scv.HOLD_TOGGLE", """
            "payload":{"calls":[{"callId":"c-1","callInfo":{"isOnHold":true}},{"callId":"c-2","callAttributes":{"isOnHold":false}}],"isCustomerOnHold":true}
            """);
        Assert.Equal(["""{"type":"callHeld","callId":"c-1"}""", """{"type":"callResumed","callId":"c-2"}"""], Bodies(array));
        Assert.Equal(["e1", "e1#1"], array.Items.Select(i => (string)i.Event!["eventId"]!));

        var keyed = Envelope("scv.HOLD_TOGGLE", """{"calls":{"c-1":{"callInfo":{"isOnHold":false}},"c-2":{"callId":"c-2","callInfo":{"isOnHold":true}}}}""");
        Assert.Equal(["""{"type":"callResumed","callId":"c-1"}""", """{"type":"callHeld","callId":"c-2"}"""], Bodies(keyed));
    }

    [Fact]
    public void Hold_toggle_without_calls_holds_the_first_active_call_for_the_customer_and_the_latest_consult_for_the_third_party()
    {
        Assert.True(Envelope("scv.HOLD_TOGGLE", """{"isCustomerOnHold":true}""").NeedsActiveCalls);

        var mapping = Envelope("scv.HOLD_TOGGLE", """{"isCustomerOnHold":true,"isThirdPartyOnHold":false}""", calls: TwoLegs);
        Assert.Equal(["""{"type":"callHeld","callId":"c-1"}""", """{"type":"callResumed","callId":"c-2"}"""], Bodies(mapping));
        Assert.Equal("payload.calls, isCustomerOnHold or isThirdPartyOnHold is required for scv.HOLD_TOGGLE", Error(Envelope("scv.HOLD_TOGGLE", """{}""")));
    }

    [Fact]
    public void A_bad_hold_leg_is_rejected_in_its_place_and_the_other_legs_are_mapped()
    {
        var mapping = Envelope("scv.HOLD_TOGGLE", """{"calls":[{"callId":"c-1"},{"callId":"c-2","callInfo":{"isOnHold":true}}]}""");

        Assert.Equal(["rejected: payload.calls[0].callInfo.isOnHold is required for scv.HOLD_TOGGLE", """{"type":"callHeld","callId":"c-2"}"""], Bodies(mapping));
        Assert.Equal("e1", mapping.Items[0].Decision!.EventId);
        Assert.Equal("e1#1", (string)mapping.Items[1].Event!["eventId"]!);
    }

    [Fact]
    public void An_added_participant_starts_a_consult_or_transfer_leg_of_the_initial_call()
    {
        var consult = WithMembers("scv.PARTICIPANT_ADDED", """
            "payload":{"callId":"c-5","phoneNumber":"+1 212 555 0199","callInfo":{"initialCallId":"c-1"},"callAttributes":{"isConsultCall":true},"contact":{"recordId":"003G"}}
            """);
        Assert.Equal("""{"type":"callStarted","callId":"c-5","callType":"consult","phoneNumber":"+1 212 555 0199","recordId":"003G","parentCallId":"c-1"}""", Single(consult));
        AllParse(consult);

        Assert.True(Envelope("scv.PARTICIPANT_ADDED", """{"callId":"c-5"}""").NeedsActiveCalls);
        Assert.Equal("""{"type":"callStarted","callId":"c-5","callType":"transfer","parentCallId":"c-1"}""",
            Single(Envelope("scv.PARTICIPANT_ADDED", """{"callId":"c-5"}""", calls: TwoLegs)));
    }

    [Fact]
    public void A_connected_or_removed_participant_ends_the_initial_call_too_when_it_has_ended()
    {
        Assert.Equal("""{"type":"callConnected","callId":"c-2"}""", Single(Envelope("scv.PARTICIPANT_CONNECTED", """{"callId":"c-2"}""")));
        Assert.Equal(["""{"type":"callEnded","callId":"c-2"}""", """{"type":"callEnded","callId":"c-1"}"""],
            Bodies(Envelope("scv.PARTICIPANT_REMOVED", """{"callId":"c-2","initialCallHasEnded":true}""", calls: TwoLegs)));
        Assert.Equal(["""{"type":"callConnected","callId":"c-2"}""", """{"type":"callEnded","callId":"c-1"}"""],
            Bodies(Envelope("scv.PARTICIPANT_CONNECTED", """{"callId":"c-2","initialCallHasEnded":true,"callInfo":{"initialCallId":"c-1"}}""")));
    }

    [Fact]
    public void Hangup_ends_each_call_of_calls_with_its_reason_as_disposition_and_a_bad_leg_in_its_place()
    {
        var mapping = Envelope("scv.HANGUP", """{"calls":[{"callId":"c-1","reason":"Customer hung up"},{"reason":"x"},{"callId":"c-2"}]}""");

        Assert.Equal([
            """{"type":"callEnded","callId":"c-1","disposition":"Customer hung up"}""",
            "rejected: payload.calls[1].callId is required for scv.HANGUP",
            """{"type":"callEnded","callId":"c-2"}""",
        ], Bodies(mapping));
        Assert.Equal(["e1", "e1#1", "e1#2"], mapping.Items.Select(i => i.Decision?.EventId ?? (string)i.Event!["eventId"]!));
        Assert.All(mapping.Items.Where(i => i.Event is not null), i => Assert.Equal(7, (int)i.Event!["seq"]!));
        // The legs after the first share the line's position: part k, never stale against the first (spec §6).
        Assert.Equal([null, 2], mapping.Items.Where(i => i.Event is not null).Select(i => (int?)i.Event!["part"]));
        Assert.Equal("""{"type":"callEnded","callId":"c-3"}""", Single(Envelope("scv.HANGUP", """{"call":{"callId":"c-3"}}""")));
    }

    [Fact]
    public void Agent_status_takes_the_first_of_statusId_statusApiName_and_statusName()
    {
        Assert.Equal("""{"type":"agentStatusChanged","status":"Busy"}""",
            Single(Envelope("scv.SET_AGENT_STATUS", """{"statusApiName":"Busy","statusName":"Busy (on a call)"}""")));
        Assert.Equal("""{"type":"agentStatusChanged","status":"0N5xx1"}""",
            Single(Envelope("scv.SET_AGENT_STATUS", """{"agentStatusInfo":{"statusId":"0N5xx1","statusName":"Available"}}""")));
    }
}
