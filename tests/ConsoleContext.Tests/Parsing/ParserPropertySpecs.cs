using System.Text;
using System.Text.Json;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using FsCheck.Xunit;
using Xunit;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Tests.Parsing;

/// <summary>Generated input against the parser: it never throws, accepts exactly what the field rules allow, and every answer can be written.</summary>
[Properties(MaxTest = 300)]
public class ParserPropertySpecs
{
    private static readonly string[] ValidLines =
    [
        """{"eventId":"e1","sessionId":"agent-1","type":"tabCreated","consoleId":"w1","seq":3,"at":"2026-11-24T09:15:00.123456789+02:00","tabId":"ctab0","parentTabId":"p","recordId":"001A","accountId":"001A","contactId":"003B","objectType":"Account","recordName":"Acme","url":"/x"}""",
        """{"eventId":"e2","sessionId":"agent-1","type":"callStarted","streamId":"b7","at":1795514401000,"callId":"c1","callType":"DialedCallback","phoneNumber":4155550100,"recordId":"003B","tabId":"ctab0","parentCallId":"c0","replayed":true}""",
        """{"eventId":"e3","sessionId":"agent-1","type":"clickToDial","number":"+1 415 555 0100 x12","tabId":"ctab0"}""",
    ];

    [Property]
    public void Damaged_lines_never_throw_and_every_answer_can_be_written(byte[] noise, int position, int which)
    {
        var line = Encoding.UTF8.GetBytes(ValidLines[Math.Abs(which % ValidLines.Length)]);
        var at = Math.Abs(position % (line.Length + 1));
        byte[] damaged = [.. line[..at], .. noise ?? [], .. line[at..]];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(damaged);
        }
        catch (JsonException)
        {
            return; // not JSON at all: a 400 over HTTP, a rejected line on a tape
        }
        using (document)
        {
            var result = ConsoleEventParser.Parse(document.RootElement);
            if (result.Event is { } e)
                Assert.Equal(e, ConsoleEventParser.Parse(ConsoleEventJson.Write(e)).Event);
            else
            {
                Assert.Contains(result.Rejection!.Reason, new[] { Reasons.InvalidEvent, Reasons.UnknownType });
                Assert.False(string.IsNullOrEmpty(result.Rejection.Error));
                Assert.NotNull(DecisionJson.Deserialize(DecisionJson.Serialize(result.Rejection)));
            }
        }
    }

    [Property]
    public void A_session_id_is_accepted_exactly_when_it_is_1_to_128_key_characters(string value)
    {
        var result = ConsoleEventParser.Parse($$"""{"eventId":"e1","sessionId":"{{Escaped(value)}}","type":"sessionEnded"}""");
        var expected = value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || ".:_@-".Contains(c));
        Assert.Equal(expected, result.IsValid);
        Assert.NotNull(DecisionJson.Serialize(result.Rejection ?? Decision.Rejected(null, null, null, Reasons.InvalidEvent, "x")));
    }

    [Property]
    public void A_tab_id_is_accepted_exactly_when_it_is_1_to_256_printable_ascii_characters(string value)
    {
        var result = ConsoleEventParser.Parse($$"""{"eventId":"e1","sessionId":"agent-1","type":"tabClosed","tabId":"{{Escaped(value)}}"}""");
        var expected = value is { Length: > 0 and <= 256 } && value.All(c => c is >= ' ' and <= '~');
        Assert.Equal(expected, result.IsValid);
        if (expected)
            Assert.Equal(value, ((TabClosed)result.Event!).TabId);
    }

    [Property]
    public void A_title_is_accepted_exactly_when_it_is_valid_text_of_at_most_2048_code_points(string value)
    {
        var result = ConsoleEventParser.Parse($$"""{"eventId":"e1","sessionId":"agent-1","type":"tabUpdated","tabId":"t","title":"{{Escaped(value)}}"}""");
        var valid = value is null || (value.EnumerateRunes().Count() <= 2048 && Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value)) == value);
        Assert.Equal(valid, result.IsValid);
        if (valid)
            Assert.Equal(string.IsNullOrEmpty(value) ? null : value, ((TabUpdated)result.Event!).Title);
    }

    // Every UTF-16 unit as a JSON \u escape, so lone surrogates reach the parser exactly as a bridge could send them.
    private static string Escaped(string? value) => string.Concat((value ?? "").Select(c => $"\\u{(int)c:x4}"));
}
