using System.Text.Json;
using Xunit;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>Decide only reads: the state is the same before and after, and deciding twice gives the same ruling.</summary>
public class DecidePuritySpecs
{
    /// <summary>A busy console: tab tree, focus, a bound call, a pending call, click intents, a status, seq mark.</summary>
    private static RuleTape BusyConsole()
    {
        var tape = new RuleTape();
        tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A","seq":1}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500D","seq":2}""",
            """{"type":"tabCreated","tabId":"ctab1","recordId":"003B","seq":3}""",
            """{"type":"tabFocused","currentTabId":"ctab0_1","seq":4}""",
            $$"""{"type":"clickToDial","number":"5550100","at":"{{At(0)}}","seq":5}""",
            $$"""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1","at":"{{At(1)}}","seq":6}""",
            $$"""{"type":"callStarted","callId":"c2","callType":"inbound","recordId":"003Z","at":"{{At(2)}}","seq":7}""",
            $$"""{"type":"callStarted","callId":"c3","callType":"inbound","at":"{{At(3)}}","seq":8}""",
            """{"type":"agentStatusChanged","status":"Busy","seq":9}""",
            """{"eventId":"seen","type":"callConnected","callId":"c1","seq":10}""");
        return tape;
    }

    public static TheoryData<string> Events => new()
    {
        $$"""{"type":"tabCreated","tabId":"ctab2","recordId":"003Z","at":"{{At(4)}}"}""",
        $$"""{"type":"tabCreated","tabId":"ctab2","at":"{{At(4)}}"}""",
        """{"type":"tabCreated","tabId":"ctab0","parentTabId":"ctab1"}""",
        """{"type":"tabCreated","tabId":"ctab0","parentTabId":"ctab0_1"}""",
        """{"type":"tabCreated","tabId":"ctab9_1","parentTabId":"ctab9"}""",
        """{"type":"tabFocused","currentTabId":"ctab1"}""",
        """{"type":"tabFocused","currentTabId":"ctab9"}""",
        """{"type":"tabClosed","tabId":"ctab0"}""",
        """{"type":"tabClosed","tabId":"ctab0_1"}""",
        """{"type":"tabReplaced","tabId":"ctab1","recordId":"003Z"}""",
        """{"type":"tabReplaced","tabId":"ctab9","recordId":"001A"}""",
        """{"type":"tabRefreshed","tabId":"ctab0"}""",
        """{"type":"tabUpdated","tabId":"ctab0","title":"t"}""",
        """{"type":"navigationChanged","url":"/r/006E","recordId":"006E"}""",
        """{"type":"navigationChanged","url":"/r/003Z","recordId":"003Z","tabId":"ctab1"}""",
        $$"""{"type":"clickToDial","number":"5550199","at":"{{At(70)}}"}""",
        $$"""{"type":"callStarted","callId":"c4","callType":"outbound","phoneNumber":"5550100","at":"{{At(5)}}"}""",
        """{"type":"callStarted","callId":"c5","callType":"consult","parentCallId":"c1"}""",
        """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1"}""",
        """{"type":"callHeld","callId":"c1"}""",
        """{"type":"callEnded","callId":"c1"}""",
        """{"type":"callClaimed","callId":"c2","tabId":"ctab1"}""",
        """{"type":"agentStatusChanged","status":"Away"}""",
        """{"type":"sessionEnded"}""",
        """{"eventId":"seen","type":"sessionEnded"}""",
        """{"type":"sessionEnded","seq":3}""",
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void Decide_never_changes_the_state_it_reads(string line)
    {
        var tape = BusyConsole();
        var before = Dump(tape.State);
        var snapshot = JsonSerializer.Serialize(tape.Snapshot);
        var (seqMark, clock) = (tape.State.SeqMark, tape.State.Clock);

        tape.DecideOnly(line);

        Assert.Equal(before, Dump(tape.State));
        Assert.Equal(snapshot, JsonSerializer.Serialize(tape.Snapshot));
        Assert.Equal((seqMark, clock), (tape.State.SeqMark, tape.State.Clock));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Decide_twice_gives_the_same_ruling(string line)
    {
        var tape = BusyConsole();
        if (!line.Contains("\"eventId\"", StringComparison.Ordinal))
            line = "{\"eventId\":\"probe\"," + line[1..];
        var first = tape.DecideOnly(line);
        var second = tape.DecideOnly(line);

        Assert.Equal(ConsoleContext.Protocol.DecisionJson.Serialize(first.Decision), ConsoleContext.Protocol.DecisionJson.Serialize(second.Decision));
        Assert.Equal(Changes(first), Changes(second));
    }

    private static string Changes(ConsoleContext.Rules.Ruling ruling) =>
        JsonSerializer.Serialize(ruling.Changes.Select(c => new { Kind = c.GetType().Name, Change = (object)c }));
}
