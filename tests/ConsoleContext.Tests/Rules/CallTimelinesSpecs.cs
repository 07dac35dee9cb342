using ConsoleContext.Parsing;
using ConsoleContext.Persistence;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// The ownership timelines are bounded: the active calls' and those of the <c>ended-calls-in-full</c> calls that ended
/// last (the calls the state keeps in full), also across a snapshot.
/// </summary>
public sealed class CallTimelinesSpecs
{
    private readonly SessionState _state = OwnershipRules.Default.NewState("agent-t");
    private CallTimelines _timelines = new();
    private int _events;

    private void Apply(string type, string callId)
    {
        var e = ConsoleEventParser.Parse(SpecEvents.Line("agent-t", $"t{++_events}", type, ("callId", callId), ("callType", "inbound"),
            ("at", SpecEvents.T0.AddSeconds(_events)))).Event!;
        var ruling = OwnershipRules.Default.Decide(_state, e, e.Header.At!.Value);
        _timelines.Record(_state, new DecidedFact(e, ruling.Decision, ruling.Changes));
        OwnershipRules.Apply(_state, ruling.Changes);
    }

    [Fact]
    public void Only_the_calls_that_ended_last_keep_their_timelines_and_a_snapshot_keeps_which_those_are()
    {
        for (var i = 0; i <= OwnershipSettings.Default.EndedCallsInFull; i++)
        {
            Apply("callStarted", $"c{i}");
            Apply("callEnded", $"c{i}");
        }
        Apply("callStarted", "live");

        Assert.Null(_timelines.Of("c0", _state));
        Assert.Equal(["ringing", "ended"], _timelines.Of("c1", _state)!.Select(t => t.State));
        Assert.Equal(["ringing"], _timelines.Of("live", _state)!.Select(t => t.State));
        Assert.False(_state.Calls.ContainsKey("c0"), "the state keeps the call only as a tombstone");
        Assert.Equal("ended", _state.RememberedCall("c0")!.State);

        _timelines = CallTimelines.FromData(_timelines.ToData(_state));
        Apply("callEnded", "live");

        Assert.Null(_timelines.Of("c1", _state));
        Assert.NotNull(_timelines.Of("c2", _state));
        Assert.Equal(["ringing", "ended"], _timelines.Of("live", _state)!.Select(t => t.State));
    }
}
