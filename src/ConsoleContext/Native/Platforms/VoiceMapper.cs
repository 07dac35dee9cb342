using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>
/// Service Cloud Voice connector events (<c>scv.</c>, salesforce/scv-connector-base): payloads carry a PhoneCall
/// {callId, callType, phoneNumber, callInfo{callStateTimestamp, initialCallId, isOnHold}, callAttributes{parentId,
/// isConsultCall, isOnHold}, contact{recordId}, isReplayedCall, reason}. Call types keep the platform's spelling
/// (<c>Inbound</c>, <c>InternalCall</c>): the parser normalises them.
/// </summary>
internal static class VoiceMapper
{
    public static bool Map(string name, NativeContext c)
    {
        var p = c.Payload;
        switch (name)
        {
            case "CALL_STARTED" or "QUEUED_CALL_STARTED":
            {
                var call = p.Child("call");
                if (!call.Exists)
                    throw p.Missing("call");
                var e = c.Emit(EventTypes.CallStarted);
                StartFields(e, call, c);
                if (!e.ContainsKey("callType"))
                    throw call.Missing("callType");
                return true;
            }
            case "CALL_CONNECTED":
            {
                var call = p.Child("call");
                if (!call.Exists)
                    throw p.Missing("call");
                StartFields(c.Emit(EventTypes.CallConnected), call, c);
                return true;
            }
            case "CALL_FAILED":
            {
                var call = p.Child("call");
                if (call.Exists)
                    c.Emit(EventTypes.CallEnded).With("callId", call.Required("callId"));
                else
                    foreach (var ringing in c.ActiveCalls.Where(a => a.State == CallStates.Ringing))
                        c.Emit(EventTypes.CallEnded).With("callId", ringing.CallId);
                return true;
            }
            case "HOLD_TOGGLE":
                HoldToggle(p, c);
                return true;
            case "PARTICIPANT_ADDED":
                ParticipantAdded(p, c);
                return true;
            case "PARTICIPANT_CONNECTED" or "PARTICIPANT_REMOVED":
            {
                var callId = p.Required("callId");
                c.Emit(name == "PARTICIPANT_CONNECTED" ? EventTypes.CallConnected : EventTypes.CallEnded).With("callId", callId);
                if (p.Flag("initialCallHasEnded") == true && InitialCall(p, callId, c) is { } initial)
                    c.Emit(EventTypes.CallEnded).With("callId", initial);
                return true;
            }
            case "HANGUP":
                Hangup(p, c);
                return true;
            case "SET_AGENT_STATUS":
            {
                var info = p.Has("agentStatusInfo") ? p.Child("agentStatusInfo") : p;
                var status = info.OptionalString("statusId") ?? info.OptionalString("statusApiName") ?? info.OptionalString("statusName")
                    ?? throw new NativeFieldException($"{info.Path}.statusId, statusApiName or statusName is required for {c.Source}");
                c.Emit(EventTypes.AgentStatusChanged).With("status", status);
                return true;
            }
            default:
                return false;
        }
    }

    private static void StartFields(JsonObject e, NativeObject call, NativeContext c)
    {
        var callId = call.Required("callId");
        var info = call.Child("callInfo");
        var attributes = call.Child("callAttributes");
        var parent = attributes.OptionalString("parentId") ?? info.OptionalString("initialCallId");
        e.With("callId", callId)
            .With("callType", call.OptionalString("callType"))
            .With("phoneNumber", call.Text("phoneNumber"))
            .With("recordId", call.Child("contact").OptionalString("recordId"))
            .With("parentCallId", parent == callId ? null : parent)
            .With("at", NativeContext.Timestamp(info, "callStateTimestamp"));
        if ((call.Flag("isReplayedCall") ?? c.Payload.Flag("isReplayedCall")) == true)
            e["replayed"] = true;
    }

    private static void HoldToggle(NativeObject p, NativeContext c)
    {
        var calls = p.Get("calls");
        if (calls.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var leg in calls.EnumerateArray())
            {
                var path = $"{p.Path}.calls[{i++}]";
                c.Leg(() => HoldLeg(Leg(leg, path, c), null, c));
            }
            return;
        }
        if (calls.ValueKind == JsonValueKind.Object)
        {
            foreach (var leg in calls.EnumerateObject())
            {
                var path = $"{p.Path}.calls.{leg.Name}";
                c.Leg(() => HoldLeg(Leg(leg.Value, path, c), leg.Name, c));
            }
            return;
        }
        if (calls.ValueKind != JsonValueKind.Undefined)
            throw new NativeFieldException($"{p.Path}.calls must be an array or an object of PhoneCalls");

        var customer = p.Flag("isCustomerOnHold");
        var thirdParty = p.Flag("isThirdPartyOnHold");
        if (customer is null && thirdParty is null)
            throw new NativeFieldException($"{p.Path}.calls, isCustomerOnHold or isThirdPartyOnHold is required for {c.Source}");
        var active = c.ActiveCalls.Where(a => a.State != CallStates.Ended).ToList();
        if (customer is { } onHold && active.FirstOrDefault() is { } first)
            c.Emit(onHold ? EventTypes.CallHeld : EventTypes.CallResumed).With("callId", first.CallId);
        if (thirdParty is { } legOnHold && active.LastOrDefault(a => a.CallType is "consult" or "transfer") is { } leg3)
            c.Emit(legOnHold ? EventTypes.CallHeld : EventTypes.CallResumed).With("callId", leg3.CallId);
    }

    private static void HoldLeg(NativeObject leg, string? key, NativeContext c)
    {
        var callId = leg.OptionalString("callId") ?? key ?? throw leg.Missing("callId");
        var onHold = leg.Child("callInfo").Flag("isOnHold") ?? leg.Child("callAttributes").Flag("isOnHold") ?? leg.Flag("isOnHold")
            ?? throw new NativeFieldException($"{leg.Path}.callInfo.isOnHold is required for {c.Source}");
        c.Emit(onHold ? EventTypes.CallHeld : EventTypes.CallResumed).With("callId", callId);
    }

    private static void ParticipantAdded(NativeObject p, NativeContext c)
    {
        var callId = p.Required("callId");
        var isConsult = p.Child("callAttributes").Flag("isConsultCall") == true;
        var e = c.Emit(EventTypes.CallStarted)
            .With("callId", callId)
            .With("callType", isConsult ? "consult" : "transfer")
            .With("phoneNumber", p.Text("phoneNumber"))
            .With("recordId", p.Child("contact").OptionalString("recordId"))
            .With("at", NativeContext.Timestamp(p.Child("callInfo"), "callStateTimestamp"));
        e.With("parentCallId", InitialCall(p, callId, c));
    }

    // The call a participant leg belongs to: the payload's initialCallId, else the session's first active call.
    private static string? InitialCall(NativeObject p, string legCallId, NativeContext c)
    {
        var named = p.Child("callInfo").OptionalString("initialCallId");
        if (named is not null)
            return named == legCallId ? null : named;
        return c.ActiveCalls.FirstOrDefault(a => a.State != CallStates.Ended && a.CallId != legCallId)?.CallId;
    }

    private static void Hangup(NativeObject p, NativeContext c)
    {
        var calls = p.Get("calls");
        if (calls.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var leg in calls.EnumerateArray())
            {
                var path = $"{p.Path}.calls[{i++}]";
                c.Leg(() => EndLeg(Leg(leg, path, c), p, c));
            }
            return;
        }
        if (calls.ValueKind != JsonValueKind.Undefined)
            throw new NativeFieldException($"{p.Path}.calls must be an array of PhoneCalls");
        var call = p.Child("call");
        if (!call.Exists)
            throw p.Missing("calls");
        EndLeg(call, p, c);
    }

    private static void EndLeg(NativeObject call, NativeObject p, NativeContext c) =>
        c.Emit(EventTypes.CallEnded).With("callId", call.Required("callId"))
            .With("disposition", call.OptionalString("reason") ?? p.OptionalString("reason"));

    private static NativeObject Leg(JsonElement leg, string path, NativeContext c) =>
        leg.ValueKind == JsonValueKind.Object
            ? new NativeObject(leg, path, c.Source)
            : throw new NativeFieldException($"{path} must be a PhoneCall object");
}
