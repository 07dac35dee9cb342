using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>R6: call states, ending a call, and ending the session.</summary>
public class EndingSpecs
{
    private readonly RuleTape _tape = new();

    private void ConnectedCallOnCtab0()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"type":"tabFocused","currentTabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            """{"type":"callConnected","callId":"c1"}""");
    }

    private string ConsoleAndCalls()
    {
        var snapshot = _tape.Snapshot;
        return System.Text.Json.JsonSerializer.Serialize(new { snapshot.Tabs, snapshot.Calls, snapshot.FocusedTabId });
    }

    [Fact]
    public void R6_call_states_follow_the_events()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""").Lists(Call("c1", "ringing", null));
        _tape.Feed("""{"type":"callConnected","callId":"c1"}""").Is("applied").OnTab(null).Lists(Call("c1", "connected", null));
        _tape.Feed("""{"type":"callHeld","callId":"c1"}""").Is("applied").Lists(Call("c1", "held", null));
        _tape.Feed("""{"type":"callResumed","callId":"c1"}""").Is("applied").Lists(Call("c1", "connected", null));
    }

    [Theory]
    [InlineData("callHeld", "held")]
    [InlineData("callResumed", "connected")]
    [InlineData("callConnected", "connected")]
    public void R6_states_arriving_out_of_order_are_applied_as_given(string type, string state)
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed($$"""{"type":"{{type}}","callId":"c1"}""").Is("applied").Lists(Call("c1", state, null));
    }

    [Fact]
    public void R6_connected_after_held_is_applied_as_given()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""", """{"type":"callHeld","callId":"c1"}""");
        _tape.Feed("""{"type":"callHeld","callId":"c1"}""").Is("applied").Lists(Call("c1", "held", null));
        _tape.Feed("""{"type":"callConnected","callId":"c1"}""").Is("applied").Lists(Call("c1", "connected", null));
    }

    [Fact]
    public void R6_an_ended_call_is_listed_once_more_as_ended_with_its_last_owner_then_no_more()
    {
        ConnectedCallOnCtab0();
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound"}""");
        _tape.Feed("""{"type":"callEnded","callId":"c1","disposition":"resolved"}""").Is("applied")
            .Lists(Call("c1", "ended", "ctab0"), Call("c2", "ringing", null));
        _tape.Feed("""{"type":"agentStatusChanged","status":"Available"}""").Lists(Call("c2", "ringing", null));
        var view = _tape.Call("c1");
        Assert.Equal(("ended", "ctab0"), (view.State, view.OwnerTabId));
    }

    [Fact]
    public void R6_ending_releases_ownership()
    {
        ConnectedCallOnCtab0();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/003B","recordId":"003B"}""").Is("ignored", "no-active-call").Lists();
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0"}""").Is("ignored", "no-active-call");
        Assert.Empty(_tape.State.ActiveCallIds);
    }

    [Theory]
    [InlineData("""{"type":"callConnected","callId":"c1"}""")]
    [InlineData("""{"type":"callHeld","callId":"c1"}""")]
    [InlineData("""{"type":"callResumed","callId":"c1"}""")]
    [InlineData("""{"type":"callEnded","callId":"c1"}""")]
    [InlineData("""{"type":"callClaimed","callId":"c1","tabId":"ctab0"}""")]
    [InlineData("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""")]
    [InlineData("""{"type":"callStarted","callId":"c1","callType":"inbound","replayed":true}""")]
    public void R6_later_events_naming_an_ended_call_are_ignored_as_call_ended(string line)
    {
        ConnectedCallOnCtab0();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""");
        var before = ConsoleAndCalls();
        _tape.Feed(line).Is("ignored", "call-ended").Lists();
        Assert.Equal(before, ConsoleAndCalls());
        var view = _tape.Call("c1");
        Assert.Equal(("ended", "ctab0"), (view.State, view.OwnerTabId));
    }

    [Theory]
    [InlineData("""{"type":"callEnded","callId":"c9"}""")]
    [InlineData("""{"type":"callClaimed","callId":"c9","tabId":"ctab0"}""")]
    public void R6_events_naming_a_call_never_started_are_ignored_as_unknown_call(string line)
    {
        ConnectedCallOnCtab0();
        _tape.Feed(line).Is("ignored", "unknown-call").Lists(Call("c1", "connected", "ctab0"));
        Assert.DoesNotContain(_tape.Snapshot.Calls, c => c.CallId == "c9");
    }

    [Fact]
    public void R6_session_ended_ends_active_calls_and_clears_the_console()
    {
        ConnectedCallOnCtab0();
        _tape.Feed(
            """{"type":"callStarted","callId":"c2","callType":"inbound"}""",
            """{"type":"callStarted","callId":"c0","callType":"inbound"}""",
            """{"type":"callEnded","callId":"c0"}""",
            """{"type":"agentStatusChanged","status":"Busy"}""",
            """{"type":"clickToDial","number":"5550100"}""");
        Assert.Equal("Busy", _tape.Snapshot.AgentStatus);

        _tape.Feed("""{"type":"sessionEnded"}""").Is("applied").OnTab(null)
            .Lists(Call("c1", "ended", "ctab0"), Call("c2", "ended", null));

        var snapshot = _tape.Snapshot;
        Assert.Empty(snapshot.Tabs);
        Assert.Null(snapshot.FocusedTabId);
        Assert.Null(snapshot.AgentStatus);
        Assert.Empty(_tape.State.ClickIntents);
        Assert.Null(_tape.State.LastNavigationUrl);
        Assert.All(snapshot.Calls, c => Assert.Equal("ended", c.State));
        Assert.Equal(["c1", "c2", "c0"], snapshot.Calls.Select(c => c.CallId));
    }

    [Fact]
    public void R6_after_session_ended_events_start_from_an_empty_console()
    {
        ConnectedCallOnCtab0();
        _tape.Feed("""{"type":"clickToDial","number":"5550100"}""", """{"type":"sessionEnded"}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/001A","recordId":"001A"}""").Is("ignored", "no-focused-tab");
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab0"}""").Is("ignored", "unknown-tab");
        _tape.Feed("""{"type":"callStarted","callId":"c2","callType":"outbound","phoneNumber":"5550100","tabId":"ctab0"}""")
            .Is("applied", "pending-owner").Lists(Call("c2", "ringing", null));
    }

    [Fact]
    public void R6_after_session_ended_ended_calls_stay_known()
    {
        ConnectedCallOnCtab0();
        _tape.Feed("""{"type":"sessionEnded"}""");
        _tape.Feed("""{"type":"callConnected","callId":"c1"}""").Is("ignored", "call-ended");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""").Is("ignored", "call-ended");
    }

    [Fact]
    public void R6_session_ended_keeps_seen_event_ids_and_the_seq_mark()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":5}""", """{"eventId":"e2","type":"sessionEnded","seq":6}""");
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":7}""").Is("duplicate");
        _tape.Feed("""{"eventId":"e3","type":"tabCreated","tabId":"ctab0","seq":6}""").Is("stale");
        Assert.Empty(_tape.Snapshot.Tabs);
        Assert.Equal(6, _tape.Snapshot.SeqMark);
    }

    [Fact]
    public void R6_session_ended_with_nothing_open_is_applied_with_no_calls()
    {
        _tape.Feed("""{"type":"sessionEnded"}""").Is("applied").Lists();
        _tape.Feed("""{"type":"sessionEnded"}""").Is("applied").Lists();
    }

    [Fact]
    public void Agent_status_changes_are_applied_and_kept()
    {
        _tape.Feed("""{"type":"agentStatusChanged","status":"Available"}""").Is("applied").OnTab(null);
        _tape.Feed("""{"type":"agentStatusChanged","status":"Busy"}""").Is("applied");
        Assert.Equal("Busy", _tape.Snapshot.AgentStatus);
    }
}
