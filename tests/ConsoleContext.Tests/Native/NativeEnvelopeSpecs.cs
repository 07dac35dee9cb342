using Xunit;
using static ConsoleContext.Tests.Native.Envelopes;

namespace ConsoleContext.Tests.Native;

/// <summary>The envelope itself (spec §6): header fields, sources of known and unknown platforms, bad shapes.</summary>
public sealed class NativeEnvelopeSpecs
{
    [Fact]
    public void Every_event_of_a_line_carries_the_envelope_header()
    {
        var e = Envelope("workspace.tabClosed", """{"tabId":"ctab0"}""").Items[0].Event!;

        Assert.Equal("""{"type":"tabClosed","tabId":"ctab0","eventId":"e1","sessionId":"agent-1","consoleId":"w1","streamId":"b1","seq":7,"at":"2026-11-29T10:15:02.125Z"}""",
            e.ToJsonString());
    }

    [Theory]
    [InlineData("scv.MUTE_TOGGLE")]
    [InlineData("scv.RECORDING_TOGGLE")]
    [InlineData("opencti.onCallEnd")]
    [InlineData("workspace.tabIconChanged")]
    [InlineData("console.onEnclosingTabRefresh")]
    public void An_unmapped_source_of_a_known_platform_is_ignored_as_not_tracked(string source)
    {
        var decision = Assert.Single(Envelope(source, """{}""").Items).Decision!;

        Assert.Equal(("e1", "agent-1", source, "ignored", "not-tracked"), (decision.EventId, decision.SessionId, decision.Type, decision.Outcome, decision.Reason));
        Assert.Empty(decision.Calls);
    }

    [Fact]
    public void A_line_that_maps_to_no_event_is_not_tracked()
    {
        var decision = Assert.Single(Envelope("scv.CALL_FAILED", """null""", calls: [new("c-1", "inbound", "connected")]).Items).Decision!;

        Assert.Equal(("scv.CALL_FAILED", "ignored", "not-tracked"), (decision.Type, decision.Outcome, decision.Reason));
    }

    [Fact]
    public void Any_other_source_is_an_unknown_type()
    {
        var decision = Assert.Single(Envelope("amazon.connect.onConnected", """{}""").Items).Decision!;

        Assert.Equal(("rejected", "unknown-type"), (decision.Outcome, decision.Reason));
        Assert.Equal("amazon.connect.onConnected", decision.Type);
        Assert.StartsWith("source \"amazon.connect.onConnected\" is not of a known platform", decision.Error);
    }

    [Fact]
    public void The_envelope_header_follows_the_event_rules_and_bad_shapes_are_named()
    {
        Assert.Equal(SessionIdRule(), Error(Map("""{"eventId":"e1","sessionId":"bad id","source":"scv.HANGUP","payload":{"calls":[]}}""")));
        Assert.Equal("eventId is required", Error(Map("""{"sessionId":"agent-1","source":"scv.HANGUP","payload":{}}""")));
        Assert.Equal("source is required for a native envelope", Error(Map("""{"eventId":"e1","sessionId":"agent-1","source":"","payload":{}}""")));
        Assert.Equal("payload must be a JSON object", Error(Envelope("scv.HANGUP", """[1]""")));
        Assert.Equal("tabInfo must be a JSON object", Error(Envelope("workspace.tabCreated", """{"tabId":"t"}""", tabInfo: "\"t\"")));
        Assert.Equal("the envelope must be a JSON object", Error(Map("[]")));
    }

    [Fact]
    public void A_line_is_an_envelope_when_it_has_a_source_and_no_type_since_a_canonical_event_may_carry_an_extra_source_field()
    {
        static bool IsEnvelope(string json) => ConsoleContext.Native.NativeEnvelopeMapper.IsEnvelope(System.Text.Json.JsonDocument.Parse(json).RootElement);

        Assert.True(IsEnvelope("""{"eventId":"e1","sessionId":"s","source":"scv.HANGUP","payload":{}}"""));
        Assert.False(IsEnvelope("""{"eventId":"e1","sessionId":"s","type":"tabUpdated","tabId":"t","source":"workspace-api"}"""));
        Assert.False(IsEnvelope("""["source"]"""));
    }

    private static string SessionIdRule() => ConsoleContext.Parsing.ConsoleEventParser.SessionIdRule;
}
