using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Parsing;

/// <summary>The writer (journal, tape export) round-trips everything the parser accepts: parse(write(e)) == e.</summary>
public class WriterRoundTripSpecs
{
    /// <summary>Every tape of tests/tapes and samples/tapes, by path relative to the test output.</summary>
    public static TheoryData<string> Tapes()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "tapes", "samples" }.Where(f => Directory.Exists(Path.Combine(AppContext.BaseDirectory, f))))
        {
            foreach (var tape in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, folder), "*.jsonl", SearchOption.AllDirectories)
                         .Where(f => !f.EndsWith(".decisions.jsonl") && !f.EndsWith(".native.jsonl")).Order())
                data.Add(Path.GetRelativePath(AppContext.BaseDirectory, tape));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Tapes))]
    public void Every_accepted_tape_line_round_trips(string tape)
    {
        var accepted = File.ReadLines(Path.Combine(AppContext.BaseDirectory, tape)).Where(l => ConsoleEventParser.Parse(l).IsValid).ToList();
        Assert.NotEmpty(accepted);
        foreach (var line in accepted)
            AssertRoundTrips(line);
    }

    [Theory]
    [InlineData("""{"eventId":" ~\"\\","sessionId":"a.b_c:d@e-f","type":"sessionEnded","consoleId":"w:1","streamId":"b@2","seq":9223372036854775807,"at":"2099-12-31T23:59:59.999999999Z"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"sessionEnded","at":"2026-11-25T09:14:00+23:59"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"sessionEnded","at":"2026-11-24T09:15-13:45"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"sessionEnded","at":946684800000}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"clickToDial","number":4155550100,"recordId":"001Fh00000QxTbKIAV","accountId":"001Fh00000QxTbK","contactId":"003Fh00000QxTbK","objectType":"Account","recordName":"Ada\n\u0001 \ud83d\ude00"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"callConnected","callId":"c/1?x","callType":"InternalCall","phoneNumber":12,"recordId":"r","tabId":"t","parentCallId":"p","replayed":true}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"callHeld","callId":"c1","replayed":false}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"tabFocused","parentTabId":"p"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"tabReplaced","tabId":"t","parentTabId":"p","recordId":"r","url":"/x"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"navigationChanged","url":"/x","tabId":"t","parentTabId":"p"}""")]
    [InlineData("""{"eventId":"e1","sessionId":"s","type":"callEnded","callId":"c1","disposition":"done \"really\""}""")]
    public void Edge_values_round_trip(string line) => AssertRoundTrips(line);

    private static void AssertRoundTrips(string line)
    {
        var parsed = ConsoleEventParser.Parse(line);
        Assert.True(parsed.IsValid, parsed.Rejection?.Error);
        var written = ConsoleEventJson.Write(parsed.Event!);
        var again = ConsoleEventParser.Parse(written);
        Assert.True(again.IsValid, $"{written}: {again.Rejection?.Error}");
        Assert.Equal(parsed.Event, again.Event);
        Assert.Equal(written, ConsoleEventJson.Write(again.Event!));
    }
}
