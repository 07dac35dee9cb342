using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R6 adoption: callConnected, callHeld or callResumed for a call the session never saw start starts it as a
/// callStarted with that event's fields would (R1, with its reason; callType null when absent), then sets the state
/// the event names. An adopting callConnected is both the start and the answer.
/// </summary>
public class AdoptionSpecs
{
    private readonly RuleTape _tape = new();

    private void Tabs()
    {
        _tape.Feed(
            $$"""{"type":"tabCreated","tabId":"ctab0","recordId":"003A","objectType":"Contact","at":"{{At(0)}}"}""",
            $$"""{"type":"tabCreated","tabId":"ctab1","at":"{{At(0)}}"}""");
    }

    [Theory]
    [InlineData("callConnected", "connected")]
    [InlineData("callHeld", "held")]
    [InlineData("callResumed", "connected")]
    public void R6_a_state_event_for_an_unknown_call_adopts_it_in_that_state(string type, string state)
    {
        Tabs();
        _tape.Feed($$"""{"type":"{{type}}","callId":"c9"}""").Is("applied", "pending-owner").OnTab(null).Lists(Call("c9", state, null));
        Assert.Null(_tape.Call("c9").CallType);
    }

    [Theory]
    [InlineData("callConnected")]
    [InlineData("callHeld")]
    [InlineData("callResumed")]
    public void R6_adoption_binds_by_tab_with_the_named_tab_in_the_decision(string type)
    {
        Tabs();
        _tape.Feed($$"""{"type":"{{type}}","callId":"c9","callType":"InternalCall","tabId":"ctab1"}""")
            .Is("applied", "bound-by-tab").OnTab("ctab1");
        Assert.Equal(("internal", "ctab1"), (_tape.Call("c9").CallType, _tape.Call("c9").OwnerTabId));
    }

    [Fact]
    public void R6_adoption_binds_by_record()
    {
        Tabs();
        _tape.Feed("""{"type":"callConnected","callId":"c9","callType":"inbound","recordId":"003A"}""")
            .Is("applied", "bound-by-record").Lists(Call("c9", "connected", "ctab0"));
    }

    [Fact]
    public void R6_adoption_binds_by_click_to_dial()
    {
        Tabs();
        _tape.Feed($$"""{"type":"clickToDial","number":"+1 555 010 0100","tabId":"ctab1","at":"{{At(1)}}"}""");
        _tape.Feed($$"""{"type":"callConnected","callId":"c9","callType":"outbound","phoneNumber":"5550100100","at":"{{At(3)}}"}""")
            .Is("applied", "bound-by-click-to-dial").Lists(Call("c9", "connected", "ctab1"));
    }

    [Fact]
    public void R6_adoption_binds_by_parent_call()
    {
        Tabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"type":"callHeld","callId":"c9","callType":"consult","parentCallId":"c1"}""")
            .Is("applied", "bound-by-parent-call").Lists(Call("c1", "ringing", "ctab0"), Call("c9", "held", "ctab0"));
    }

    [Fact]
    public void R6_an_adopting_call_connected_opens_the_screen_pop_window_from_that_moment()
    {
        Tabs();
        _tape.Feed($$"""{"type":"callConnected","callId":"c9","at":"{{At(100)}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab5","at":"{{At(110)}}"}""").Is("applied", "bound-by-screen-pop").Lists(Call("c9", "connected", "ctab5"));
    }

    [Fact]
    public void R6_an_adopted_call_with_a_record_is_never_popped()
    {
        Tabs();
        _tape.Feed($$"""{"type":"callConnected","callId":"c9","recordId":"500Z","at":"{{At(100)}}"}""").Is("applied", "pending-owner");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab5","at":"{{At(101)}}"}""").Is("applied", null);
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab6","recordId":"500Z","at":"{{At(102)}}"}""").Is("applied", "bound-by-record");
    }

    [Theory]
    [InlineData("callHeld")]
    [InlineData("callResumed")]
    public void R6_a_call_adopted_by_hold_or_resume_is_popped_within_the_window_of_its_adoption(string type)
    {
        Tabs();
        _tape.Feed($$"""{"type":"{{type}}","callId":"c9","at":"{{At(100)}}"}""");
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab5","at":"{{At(110.001)}}"}""").Is("applied", null);
        _tape.Feed($$"""{"type":"tabCreated","tabId":"ctab6","at":"{{At(110)}}"}""").Is("applied", "bound-by-screen-pop");
    }

    [Fact]
    public void R6_an_adopted_call_ignores_the_start_fields_of_later_state_events()
    {
        Tabs();
        _tape.Feed("""{"type":"callConnected","callId":"c9","callType":"inbound"}""");
        _tape.Feed("""{"type":"callHeld","callId":"c9","callType":"outbound","tabId":"ctab1","recordId":"003A"}""")
            .Is("applied", null).OnTab("ctab1").Lists(Call("c9", "held", null));
        Assert.Equal("inbound", _tape.Call("c9").CallType);
        Assert.Empty(_tape.Call("c9").RelatedRecords);
    }

    [Fact]
    public void R6_a_later_call_started_for_an_adopted_call_is_a_replay()
    {
        Tabs();
        _tape.Feed("""{"type":"callConnected","callId":"c9"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c9","callType":"inbound","tabId":"ctab0"}""").Is("duplicate", "replayed-call").Lists(Call("c9", "connected", null));
    }

    [Fact]
    public void R6_call_ended_and_call_claimed_never_adopt()
    {
        Tabs();
        _tape.Feed("""{"type":"callEnded","callId":"c9"}""").Is("ignored", "unknown-call").Lists();
        _tape.Feed("""{"type":"callClaimed","callId":"c9","tabId":"ctab0"}""").Is("ignored", "unknown-call");
        Assert.Empty(_tape.Snapshot.Calls);
    }

    [Fact]
    public void R6_a_state_event_for_an_ended_call_is_ignored_not_adopted()
    {
        Tabs();
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""", """{"type":"callEnded","callId":"c1"}""");
        _tape.ArrivedAt = T0.AddMinutes(5);
        _tape.Feed("""{"type":"callConnected","callId":"c1","tabId":"ctab1"}""").Is("ignored", "call-ended").OnTab("ctab1").Lists();
    }

    [Fact]
    public void R6_a_replayed_call_started_for_an_unknown_call_starts_it()
    {
        Tabs();
        _tape.Feed("""{"type":"callStarted","callId":"c9","callType":"inbound","tabId":"ctab0","replayed":true}""")
            .Is("applied", "bound-by-tab").Lists(Call("c9", "ringing", "ctab0"));
    }

    [Fact]
    public void R6_adoption_named_tab_not_open_falls_through_to_pending()
    {
        Tabs();
        _tape.Feed("""{"type":"callConnected","callId":"c9","tabId":"ctab7"}""").Is("applied", "pending-owner").OnTab("ctab7");
        Assert.DoesNotContain(_tape.Snapshot.Consoles[0].Tabs, t => t.TabId == "ctab7");
    }
}
