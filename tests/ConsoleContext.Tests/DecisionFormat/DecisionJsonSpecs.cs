using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.DecisionFormat;

public class DecisionJsonSpecs
{
    [Fact]
    public void A_decision_serialises_exactly_like_the_spec_example()
    {
        var decision = new Decision("e7", "agent-1", "navigationChanged", null, "ctab1", Outcomes.Ignored, Reasons.NotCallActiveTab,
            [new CallSummary("c1", CallStates.Connected, "ctab0")]);

        Assert.Equal(
            """{"eventId":"e7","sessionId":"agent-1","type":"navigationChanged","consoleId":null,"tabId":"ctab1","outcome":"ignored","reason":"not-call-active-tab","calls":[{"callId":"c1","state":"connected","ownerTabId":"ctab0","ownerConsoleId":null}]}""",
            DecisionJson.Serialize(decision));
    }

    [Fact]
    public void Nulls_are_written_explicitly_and_error_is_left_out_when_not_rejected()
    {
        var decision = new Decision("e1", "agent-1", "callStarted", null, null, Outcomes.Applied, null,
            [new CallSummary("c1", CallStates.Ringing, null)]);

        Assert.Equal(
            """{"eventId":"e1","sessionId":"agent-1","type":"callStarted","consoleId":null,"tabId":null,"outcome":"applied","reason":null,"calls":[{"callId":"c1","state":"ringing","ownerTabId":null,"ownerConsoleId":null}]}""",
            DecisionJson.Serialize(decision));
    }

    [Fact]
    public void A_rejected_decision_ends_with_its_error_and_echoes_nulls()
    {
        var decision = Decision.Rejected(null, "agent-1", null, Reasons.InvalidEvent, "eventId is required");

        Assert.Equal(
            """{"eventId":null,"sessionId":"agent-1","type":null,"consoleId":null,"tabId":null,"outcome":"rejected","reason":"invalid-event","calls":[],"error":"eventId is required"}""",
            DecisionJson.Serialize(decision));
    }

    [Fact]
    public void A_parser_rejection_serialises_with_its_echo_and_error()
    {
        var rejection = ConsoleEventParser.Parse("""{"eventId":"e9","sessionId":"agent-1","type":"tabClosed"}""").Rejection!;

        Assert.Equal(
            """{"eventId":"e9","sessionId":"agent-1","type":"tabClosed","consoleId":null,"tabId":null,"outcome":"rejected","reason":"invalid-event","calls":[],"error":"tabId is required for tabClosed"}""",
            DecisionJson.Serialize(rejection));
    }

    [Fact]
    public void Quotes_and_apostrophes_stay_readable()
    {
        var decision = Decision.Rejected("it's", "agent-1", "x", Reasons.UnknownType, "type \"x\" is not a known event type");

        Assert.Contains("""
            "eventId":"it's"
            """, DecisionJson.Serialize(decision), StringComparison.Ordinal);
        Assert.Contains("""
            "error":"type \"x\" is not a known event type"
            """, DecisionJson.Serialize(decision), StringComparison.Ordinal);
    }

    public static TheoryData<Decision> Decisions => new()
    {
        new Decision("e7", "agent-1", "navigationChanged", null, "ctab1", Outcomes.Ignored, Reasons.NotCallActiveTab,
            [new CallSummary("c1", CallStates.Connected, "ctab0"), new CallSummary("c2", CallStates.Ringing, null)]),
        new Decision("e8", "agent-1", "callEnded", null, null, Outcomes.Applied, null, [new CallSummary("c1", CallStates.Ended, "ctab0")]),
        new Decision("e9", "agent-1", "tabFocused", null, "ctab0", Outcomes.Ignored, Reasons.NoActiveCall, []),
        Decision.Rejected("e10", null, "tabClosed", Reasons.InvalidEvent, "tabId is required for tabClosed"),
        Decision.Rejected(null, null, null, Reasons.InvalidEvent, "the line is not valid JSON"),
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_decision_round_trips(Decision decision)
    {
        var json = DecisionJson.Serialize(decision);
        var back = DecisionJson.Deserialize(json)!;

        Assert.Equal(
            (decision.EventId, decision.SessionId, decision.Type, decision.TabId, decision.Outcome, decision.Reason, decision.Error),
            (back.EventId, back.SessionId, back.Type, back.TabId, back.Outcome, back.Reason, back.Error));
        Assert.Equal(decision.Calls, back.Calls);
        Assert.Equal(json, DecisionJson.Serialize(back));
    }
}
