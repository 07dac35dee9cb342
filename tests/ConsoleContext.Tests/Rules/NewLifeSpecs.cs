using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R6 new life: a callStarted that is not replayed and strictly later than an ended call's end starts the call again,
/// dropping its old owner, related records and state; a replayed or not-later one is ignored with call-ended.
/// </summary>
public class NewLifeSpecs
{
    private readonly RuleTape _tape = new();

    private void EndedCallOnCtab0()
    {
        _tape.Feed(
            $$"""{"type":"tabCreated","tabId":"ctab0","recordId":"003A","objectType":"Contact","at":"{{At(0)}}"}""",
            $$"""{"type":"tabCreated","tabId":"ctab1","at":"{{At(0)}}"}""",
            $$"""{"type":"callStarted","callId":"c1","callType":"inbound","phoneNumber":"5550100","tabId":"ctab0","at":"{{At(1)}}"}""",
            $$"""{"type":"callConnected","callId":"c1","at":"{{At(2)}}"}""",
            $$"""{"type":"callEnded","callId":"c1","at":"{{At(10)}}"}""");
    }

    private static string Restart(double seconds, string extra = "") =>
        $$"""{"type":"callStarted","callId":"c1","callType":"transfer"{{extra}},"at":"{{At(seconds)}}"}""";

    [Fact]
    public void R6_a_call_started_again_later_than_its_end_starts_a_new_life()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(10.001)).Is("applied", "pending-owner").Lists(Call("c1", "ringing", null));
        var call = _tape.Call("c1");
        Assert.Equal(("ringing", "transfer"), (call.State, call.CallType));
        Assert.Empty(call.RelatedRecords);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(9.999)]
    [InlineData(1)]
    public void R6_a_call_started_again_not_later_than_its_end_is_ignored(double seconds)
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(seconds)).Is("ignored", "call-ended").Lists();
        var call = _tape.Call("c1");
        Assert.Equal(("ended", "inbound", "ctab0"), (call.State, call.CallType, call.OwnerTabId));
    }

    [Fact]
    public void R6_a_replayed_call_started_for_an_ended_call_is_ignored_however_late()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(3600, ""","replayed":true""")).Is("ignored", "call-ended");
        Assert.Equal("ended", _tape.Call("c1").State);
    }

    [Fact]
    public void R6_a_new_life_is_decided_as_a_first_call_started_by_r1()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20, ""","tabId":"ctab1" """)).Is("applied", "bound-by-tab").Lists(Call("c1", "ringing", "ctab1"));
        Assert.Empty(_tape.Call("c1").RelatedRecords);
    }

    [Fact]
    public void R6_a_new_life_may_bind_by_record_to_the_old_owner_but_only_by_its_own_rules()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20, ""","recordId":"003A" """)).Is("applied", "bound-by-record").Lists(Call("c1", "ringing", "ctab0"));
    }

    [Fact]
    public void R6_the_old_life_related_records_are_dropped_and_do_not_bind_the_new_life()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20)).Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"tabReplaced","tabId":"ctab1","recordId":"003A","at":"{{At(40)}}"}""").Is("ignored", "not-call-active-tab")
            .Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void R6_a_new_life_never_had_an_owner_so_a_screen_pop_binds_it()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20));
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab5","at":"{{At(25)}}"}""").Is("applied", "bound-by-screen-pop").Lists(Call("c1", "ringing", "ctab5"));
    }

    [Fact]
    public void R6_the_screen_pop_window_of_a_new_life_counts_from_its_own_start()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20));
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab5","at":"{{At(30.001)}}"}""").Is("applied", null).Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void R6_a_new_life_then_ends_and_can_start_again()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20, ""","tabId":"ctab1" """));
        _tape.Feed($$"""{"type":"callEnded","callId":"c1","at":"{{At(30)}}"}""").Is("applied").Lists(Call("c1", "ended", "ctab1"));
        _tape.Feed(Restart(30)).Is("ignored", "call-ended");
        _tape.Feed(Restart(31)).Is("applied", "pending-owner");
    }

    [Fact]
    public void R6_a_call_started_again_while_active_is_a_replay_even_when_later()
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","at":"{{At(0)}}"}""");
        _tape.Feed(Restart(100)).Is("duplicate", "replayed-call").Lists(Call("c1", "ringing", null));
        Assert.Equal("inbound", _tape.Call("c1").CallType);
    }

    [Fact]
    public void R6_without_at_the_end_and_the_new_start_compare_arrival_times()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""", """{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""").Is("ignored", "call-ended");
        _tape.ArrivedAt = T0.AddMilliseconds(1);
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""").Is("applied", "pending-owner");
    }

    [Fact]
    public void R6_a_new_life_lists_once_and_other_events_name_the_new_life()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20));
        _tape.Feed($$"""{"type":"callConnected","callId":"c1","at":"{{At(21)}}"}""").Is("applied").Lists(Call("c1", "connected", null));
        _tape.Feed($$"""{"type":"callClaimed","callId":"c1","tabId":"ctab0","at":"{{At(22)}}"}""").Is("applied", "bound-by-claim");
        Assert.Single(_tape.Snapshot.Calls);
    }

    [Fact]
    public void R6_the_new_life_of_a_parent_call_binds_its_consult_again()
    {
        EndedCallOnCtab0();
        _tape.Feed(Restart(20, ""","tabId":"ctab1" """));
        _tape.Feed($$"""{"type":"callStarted","callId":"c2","callType":"consult","parentCallId":"c1","at":"{{At(21)}}"}""")
            .Is("applied", "bound-by-parent-call").Lists(Call("c1", "ringing", "ctab1"), Call("c2", "ringing", "ctab1"));
    }
}
