using System.Text;
using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using Xunit;

namespace ConsoleContext.Tests.Replay;

/// <summary>A tape line that is not valid UTF-8 is not JSON (spec §9): rejected as such, never read with U+FFFD in a field.</summary>
public sealed class TapeFileSpecs : TrackerTestKit
{
    private readonly TempDirectory _dir = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _dir.Dispose();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_line_with_invalid_utf8_is_rejected_as_not_json_and_the_next_line_is_decided()
    {
        var path = Path.Combine(_dir.Path, "tape.jsonl");
        File.WriteAllBytes(path,
        [
            .. Utf8("""{"eventId":"b1","sessionId":"agent-u","type":"tabCreated","tabId":"ctab0"}""" + "\n"),
            .. Utf8("""{"eventId":"b2","sessionId":"agent-u","type":"tabUpdated","tabId":"ctab0","title":"Acme """), 0xC3, 0x28, .. Utf8("\"}\r\n"),
            .. Utf8("""{"eventId":"b3","sessionId":"agent-u","type":"tabUpdated","tabId":"ctab0","title":"Acme é"}"""),
        ]);

        var decisions = await TapeReplayer.ReplayAsync(Sys, path);

        Assert.Equal(["b1", null, "b3"], decisions.Select(d => d.EventId));
        Assert.Equal([Outcomes.Applied, Outcomes.Rejected, Outcomes.Applied], decisions.Select(d => d.Outcome));
        Assert.Equal("the line is not valid JSON (it is not valid UTF-8 text)", decisions[1].Error);
        Assert.NotNull(DecisionJson.Serialize(decisions[1]));
    }

    [Fact]
    public void Lines_split_on_lf_and_crlf_after_an_optional_byte_order_mark()
    {
        var lines = TapeFile.Split([0xEF, 0xBB, 0xBF, .. Utf8("a\r\n\nb é\nc\r")]);
        Assert.Equal(["a", "", "b é", "c"], lines);
        Assert.Empty(TapeFile.Split([]));
        Assert.Equal(["x", ""], TapeFile.Split(Utf8("x\n\n")));
    }

    [Fact]
    public void Invalid_bytes_become_lone_surrogates_that_valid_utf8_never_gives()
    {
        var line = TapeFile.Split([.. Utf8("a"), 0xFF, 0xC3, .. Utf8("b\u00e9")]).Single();
        Assert.Equal("a\udcff\udcc3b\u00e9", line);
    }
}
