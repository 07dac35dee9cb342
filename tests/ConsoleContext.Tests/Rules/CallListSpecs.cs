using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Spec §3 calls list: every active call after the event plus any call it ended, once each; an ended call reports the
/// owner (tab and console) it had when it ended, null when it was pending; rejected decisions list no calls.
/// </summary>
public class CallListSpecs
{
    private readonly RuleTape _tape = new();

    private void CallsInTwoConsoles()
    {
        _tape.Feed(
            """{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"tabCreated","tabId":"ctab0"}""",
            """{"consoleId":"w-a","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""",
            """{"consoleId":"w-b","type":"callStarted","callId":"c2","callType":"inbound","tabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c3","callType":"inbound"}""");
    }

    [Fact]
    public void Calls_an_ended_call_reports_the_owner_tab_and_console_it_had_when_it_ended()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"type":"callEnded","callId":"c2"}""").Is("applied")
            .Lists(Call("c1", "ringing", "ctab0", "w-a"), Call("c2", "ended", "ctab0", "w-b"), Call("c3", "ringing", null));
        Assert.Equal(("ctab0", "w-b"), (_tape.Call("c2").OwnerTabId, _tape.Call("c2").OwnerConsoleId));
    }

    [Fact]
    public void Calls_an_ended_call_that_was_pending_reports_no_owner()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"type":"callEnded","callId":"c3"}""").Lists(Call("c1", "ringing", "ctab0", "w-a"), Call("c2", "ringing", "ctab0", "w-b"), Call("c3", "ended", null));
    }

    [Fact]
    public void Calls_an_ended_call_keeps_its_owner_after_the_owner_tab_closes()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""", """{"consoleId":"w-a","type":"tabClosed","tabId":"ctab0"}""");
        var view = _tape.Call("c1");
        Assert.Equal(("ended", "ctab0", "w-a", null), (view.State, view.OwnerTabId, view.OwnerConsoleId, view.OwnerPrimaryTabId));
    }

    [Fact]
    public void Calls_session_ended_lists_each_ended_call_with_the_owner_it_had()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"type":"sessionEnded"}""")
            .Lists(Call("c1", "ended", "ctab0", "w-a"), Call("c2", "ended", "ctab0", "w-b"), Call("c3", "ended", null));
    }

    [Fact]
    public void Calls_an_ended_call_is_listed_by_the_event_that_ended_it_only()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""");
        _tape.Feed("""{"type":"callEnded","callId":"c1"}""").Is("ignored", "call-ended")
            .Lists(Call("c2", "ringing", "ctab0", "w-b"), Call("c3", "ringing", null));
    }

    [Theory]
    [InlineData("""{"type":"tabClosed"}""")]
    [InlineData("""{"type":"callStarted","callId":"c9","callType":"pigeon"}""")]
    [InlineData("""{"type":"tabTeleported","tabId":"ctab0"}""")]
    [InlineData("""{"type":"tabCreated","tabId":"ctab0","parentTabId":"ctab0"}""")]
    [InlineData("""{"consoleId":"w-a","type":"tabCreated","tabId":"ctab0","parentTabId":"ctab0"}""")]
    public void Calls_a_rejected_decision_lists_no_calls_while_calls_are_active(string line)
    {
        CallsInTwoConsoles();
        var before = RuleTape.Dump(_tape.State);
        _tape.Feed(line).Is("rejected", line.Contains("Teleported", StringComparison.Ordinal) ? "unknown-type" : "invalid-event").OnTab(null).Lists();
        Assert.Equal(before, RuleTape.Dump(_tape.State));
    }

    [Fact]
    public void Calls_a_decision_refused_for_a_limit_lists_no_calls()
    {
        var tape = new RuleTape(OwnershipSettings.Default with { MaxActiveCalls = 1 });
        tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        tape.Feed("""{"type":"callStarted","callId":"c2","callType":"inbound"}""").Is("rejected", "invalid-event").Lists();
    }

    [Fact]
    public void Calls_duplicate_and_stale_decisions_list_the_active_calls()
    {
        CallsInTwoConsoles();
        _tape.Feed("""{"eventId":"x","seq":5,"type":"agentStatusChanged","status":"Busy"}""");
        var active = new[] { Call("c1", "ringing", "ctab0", "w-a"), Call("c2", "ringing", "ctab0", "w-b"), Call("c3", "ringing", null) };
        _tape.Feed("""{"eventId":"x","type":"agentStatusChanged","status":"Busy"}""").Is("duplicate").Lists(active);
        _tape.Feed("""{"seq":5,"type":"agentStatusChanged","status":"Busy"}""").Is("stale").Lists(active);
    }
}
