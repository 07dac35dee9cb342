using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Native;
using ConsoleContext.Parsing;
using Xunit;
using Mapping = ConsoleContext.Native.NativeMapping;

namespace ConsoleContext.Tests.Native;

/// <summary>Maps envelopes in the specs: each item as its canonical JSON, or its decision.</summary>
internal static class Envelopes
{
    public const string Header = """
        "eventId":"e1","sessionId":"agent-1","consoleId":"w1","streamId":"b1","seq":7,"at":"2026-11-29T10:15:02.125Z",
        """;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Mapping Map(string envelope, IReadOnlyList<ActiveCall>? calls = null)
    {
        using var document = JsonDocument.Parse(envelope);
        return NativeEnvelopeMapper.Map(document.RootElement, calls);
    }

    /// <summary>An envelope with the common header, the source, and the payload/tabInfo members given.</summary>
    public static Mapping WithMembers(string source, string members, IReadOnlyList<ActiveCall>? calls = null) =>
        Map($$"""{{{Header}}"source":"{{source}}",{{members}}}""", calls);

    /// <summary>An envelope with the common header, the source, the payload and the tab info (JSON texts).</summary>
    public static Mapping Envelope(string source, string payload, string? tabInfo = null, IReadOnlyList<ActiveCall>? calls = null) =>
        Map($$"""{{{Header}}"source":"{{source}}","payload":{{payload}}{{(tabInfo is null ? "" : ",\"tabInfo\":" + tabInfo)}}}""", calls);

    /// <summary>The only event of a mapping, without the header fields, as compact JSON.</summary>
    public static string Single(Mapping mapping)
    {
        Assert.False(mapping.NeedsActiveCalls);
        var item = Assert.Single(mapping.Items);
        Assert.True(item.Event is not null, $"expected an event, got {item.Decision}");
        return Body(item.Event!);
    }

    public static IReadOnlyList<string> Bodies(Mapping mapping) =>
        [.. mapping.Items.Select(i => i.Event is { } e ? Body(e) : $"rejected: {i.Decision!.Error}")];

    /// <summary>An event without its header: what the mapping decided from the payload.</summary>
    public static string Body(JsonObject e)
    {
        var copy = (JsonObject)e.DeepClone();
        foreach (var field in new[] { "eventId", "sessionId", "consoleId", "streamId", "seq", "at", "part" })
            copy.Remove(field);
        return copy.ToJsonString(Readable);
    }

    public static string Error(Mapping mapping)
    {
        var item = Assert.Single(mapping.Items);
        Assert.NotNull(item.Decision);
        Assert.Equal("rejected", item.Decision!.Outcome);
        return item.Decision.Error!;
    }

    /// <summary>Every event of the mapping parses as a valid event today (the canonical format the parser reads).</summary>
    public static void AllParse(Mapping mapping)
    {
        foreach (var item in mapping.Items.Where(i => i.Event is not null))
        {
            var parsed = ConsoleEventParser.Parse(JsonSerializer.SerializeToElement(item.Event));
            Assert.True(parsed.IsValid, $"{item.Event!.ToJsonString()} -> {parsed.Rejection?.Error}");
        }
    }
}
