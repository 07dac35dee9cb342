using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using ConsoleContext.Tests.Replay;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Native;

/// <summary>
/// Native envelopes through the real actors: a tape of Service Cloud Voice, Workspace and Open CTI payloads for one
/// inbound call with a consult decides exactly as its canonical equivalent (tests/tapes/native/), written by hand.
/// </summary>
public sealed class NativeReplaySpecs(ITestOutputHelper output) : TrackerTestKit(output: output)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "tapes", "native");

    [Fact]
    public async Task A_native_tape_of_an_inbound_call_with_a_consult_replays_to_the_decisions_of_its_canonical_equivalent()
    {
        var native = await TapeReplayer.ReplayAsync(Sys, Path.Combine(Folder, "inbound-consult.native.jsonl"));
        var canonical = await TapeReplayer.ReplayAsync(Sys, Path.Combine(Folder, "inbound-consult.canonical.jsonl"));

        Assert.Equal(canonical.Select(DecisionJson.Serialize), native.Select(DecisionJson.Serialize));
        Assert.Equal(18, native.Count);
        Assert.All(native, d => Assert.NotEqual(Outcomes.Rejected, d.Outcome));
        Assert.Equal(Reasons.PendingOwner, native[3].Reason);
        Assert.Equal((EventTypes.TabCreated, Reasons.BoundByScreenPop), (native[4].Type, native[4].Reason));
        Assert.Equal((EventTypes.CallStarted, Reasons.BoundByClickToDial), (native[10].Type, native[10].Reason));
        Assert.Equal("ctab1_1", native[10].Calls.Single(c => c.CallId == "c-101").OwnerTabId);
        Assert.Equal((EventTypes.CallResumed, CallStates.Connected), (native[14].Type, native[14].Calls.Single(c => c.CallId == "c-100").State));
        Assert.Equal(CallStates.Ended, native[16].Calls.Single(c => c.CallId == "c-100").State);
    }

    [Fact]
    public async Task Lines_that_need_the_sessions_calls_read_them_as_of_their_place_in_the_tape()
    {
        using var dir = new TempDirectory();
        var tape = System.IO.Path.Combine(dir.Path, "failed.jsonl");
        await File.WriteAllTextAsync(tape, """
            {"eventId":"f1","sessionId":"agent-f","type":"callStarted","callId":"c-1","callType":"inbound","at":"2026-11-29T10:00:00Z"}
            {"eventId":"f2","sessionId":"agent-f","type":"callStarted","callId":"c-2","callType":"inbound","at":"2026-11-29T10:00:01Z"}
            {"eventId":"f3","sessionId":"agent-f","type":"callConnected","callId":"c-1","at":"2026-11-29T10:00:02Z"}
            {"eventId":"f4","sessionId":"agent-f","source":"scv.CALL_FAILED","payload":null,"at":"2026-11-29T10:00:03Z"}
            {"eventId":"f5","sessionId":"agent-f","source":"scv.HOLD_TOGGLE","payload":{"isCustomerOnHold":true},"at":"2026-11-29T10:00:04Z"}
            {"eventId":"f6","sessionId":"agent-f","source":"scv.MUTE_TOGGLE","payload":{"isMuted":true}}
            {"eventId":"f7","sessionId":"agent-f","source":"scv.CALL_FAILED","payload":null,"at":"2026-11-29T10:00:05Z"}
            """);

        var decisions = await TapeReplayer.ReplayAsync(Sys, tape);

        Assert.Equal(["f1", "f2", "f3", "f4", "f5", "f6", "f7"], decisions.Select(d => d.EventId));
        Assert.Equal((EventTypes.CallEnded, "c-2"), (decisions[3].Type, decisions[3].Calls.Single(c => c.State == CallStates.Ended).CallId));
        Assert.Equal((EventTypes.CallHeld, CallStates.Held), (decisions[4].Type, decisions[4].Calls.Single(c => c.CallId == "c-1").State));
        Assert.Equal(("scv.MUTE_TOGGLE", Outcomes.Ignored, "not-tracked"), (decisions[5].Type, decisions[5].Outcome, decisions[5].Reason));
        Assert.Equal(("scv.CALL_FAILED", "not-tracked"), (decisions[6].Type, decisions[6].Reason));
    }
}
