using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using Xunit;

namespace ConsoleContext.Tests.Replay;

public sealed class TapeReplayerSpecs : TrackerTestKit
{
    private readonly TempDirectory _dir = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _dir.Dispose();
    }

    [Fact]
    public async Task Replaying_a_tape_gives_one_decision_per_non_blank_line_in_input_order()
    {
        var path = TapeFixture.WriteTo(_dir.Path);

        var decisions = await TapeReplayer.ReplayAsync(Sys, path);

        var expected = TapeFixture.NonBlank.ToList();
        Assert.Equal(expected.Count, decisions.Count);
        Assert.Equal(expected.Select(l => (l.EventId, l.Outcome, l.Reason)), decisions.Select(d => (d.EventId, d.Outcome, d.Reason)));
    }

    [Fact]
    public async Task A_bad_line_is_rejected_with_an_error_and_the_sessions_go_on()
    {
        var decisions = await TapeReplayer.ReplayAsync(Sys, TapeFixture.WriteTo(_dir.Path));

        var notJson = decisions.Single(d => d.Outcome == Outcomes.Rejected && d.EventId is null);
        Assert.Equal((null, null, null, (string?)null), (notJson.SessionId, notJson.Type, notJson.TabId, notJson.EventId));
        Assert.Contains("JSON", notJson.Error);
        Assert.Empty(notJson.Calls);

        var missingTab = decisions.Single(d => d.EventId == "a3");
        Assert.Equal(("agent-a", "tabClosed", "tabId is required for tabClosed"), (missingTab.SessionId, missingTab.Type, missingTab.Error));
        Assert.All(decisions.Where(d => d.Outcome != Outcomes.Rejected), d => Assert.Null(d.Error));
    }

    [Fact]
    public async Task The_two_sessions_of_a_tape_keep_their_own_tabs_and_calls()
    {
        var decisions = await TapeReplayer.ReplayAsync(Sys, TapeFixture.WriteTo(_dir.Path));

        var a4 = decisions.Single(d => d.EventId == "a4");
        var b3 = decisions.Single(d => d.EventId == "b3");
        Assert.Equal([new CallSummary("c1", CallStates.Ringing, "ctab0")], a4.Calls);
        Assert.Equal([new CallSummary("c1", CallStates.Ringing, null)], b3.Calls);
        Assert.All(decisions.Where(d => d.EventId is ['a', ..]), d => Assert.Equal("agent-a", d.SessionId));
    }

    [Fact]
    public async Task Replaying_the_same_tape_twice_decides_alike()
    {
        var path = TapeFixture.WriteTo(_dir.Path);

        var first = await TapeReplayer.ReplayAsync(Sys, path);
        var second = await TapeReplayer.ReplayAsync(Sys, path);

        Assert.Equal(first.Select(DecisionJson.Serialize), second.Select(DecisionJson.Serialize));
    }

    [Fact]
    public async Task A_line_with_invalid_utf8_is_rejected_as_not_json_and_the_next_line_is_decided()
    {
        var path = Path.Combine(_dir.Path, "tape.jsonl");
        File.WriteAllBytes(path,
        [
            .. TapeFileSpecs.Utf8("""{"eventId":"b1","sessionId":"agent-u","type":"tabCreated","tabId":"ctab0"}""" + "\n"),
            .. TapeFileSpecs.Utf8("""{"eventId":"b2","sessionId":"agent-u","type":"tabUpdated","tabId":"ctab0","title":"Acme """), 0xC3, 0x28, .. TapeFileSpecs.Utf8("\"}\r\n"),
            .. TapeFileSpecs.Utf8("""{"eventId":"b3","sessionId":"agent-u","type":"tabUpdated","tabId":"ctab0","title":"Acme é"}"""),
        ]);

        var decisions = await TapeReplayer.ReplayAsync(Sys, path);

        Assert.Equal(["b1", null, "b3"], decisions.Select(d => d.EventId));
        Assert.Equal([Outcomes.Applied, Outcomes.Rejected, Outcomes.Applied], decisions.Select(d => d.Outcome));
        Assert.Equal("the line is not valid JSON (it is not valid UTF-8 text)", decisions[1].Error);
        Assert.NotNull(DecisionJson.Serialize(decisions[1]));
    }
}
