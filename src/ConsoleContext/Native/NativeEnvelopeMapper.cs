using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Native.Platforms;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;

namespace ConsoleContext.Native;

/// <summary>
/// Maps one native envelope (spec §6: the common fields of §2 plus <c>source</c>, <c>payload</c> and an optional
/// <c>tabInfo</c>) to the canonical events it stands for, in order. The first event takes the envelope's eventId,
/// the k-th after it <c>eventId#k</c>; all share its consoleId, streamId, seq and <c>at</c>. The events are JSON for
/// <see cref="ConsoleEventParser"/>, which validates them like any posted event. Never throws for bad input.
/// </summary>
public static class NativeEnvelopeMapper
{
    private static readonly string[] HeaderFields = ["eventId", "sessionId", "consoleId", "streamId", "seq", "at"];

    private static readonly Dictionary<string, Func<string, NativeContext, bool>> Platforms = new(StringComparer.Ordinal)
    {
        [NativeSources.OpenCti] = OpenCtiMapper.Map,
        [NativeSources.ClassicOpenCti] = ClassicOpenCtiMapper.Map,
        [NativeSources.Workspace] = WorkspaceMapper.Map,
        [NativeSources.ClassicConsole] = ClassicConsoleMapper.Map,
        [NativeSources.ClassicCti] = ClassicCtiMapper.Map,
        [NativeSources.Voice] = VoiceMapper.Map,
    };

    /// <summary>
    /// A tape line is a native envelope when it is an object with a <c>source</c> field and no <c>type</c>: a canonical
    /// event always has a type, and may carry an unknown extra field named source (ignored like any other).
    /// </summary>
    public static bool IsEnvelope(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("source", out _) && !element.TryGetProperty("type", out _);

    /// <param name="envelope">The envelope as posted or read from a tape line.</param>
    /// <param name="activeCalls">The session's calls (any state), or null: a mapping that needs them then answers
    /// <see cref="NativeMapping.NeedsActiveCalls"/> and the caller maps again with them.</param>
    public static NativeMapping Map(JsonElement envelope, IReadOnlyList<ActiveCall>? activeCalls = null)
    {
        if (envelope.ValueKind != JsonValueKind.Object)
            return Rejected(null, null, null, null, Reasons.InvalidEvent, "the envelope must be a JSON object");
        var eventId = Echo(envelope, "eventId");
        var sessionId = Echo(envelope, "sessionId");
        var sourceEcho = Echo(envelope, "source");
        var consoleId = Echo(envelope, "consoleId") is { Length: > 0 } console ? console : null;

        var header = new JsonObject();
        foreach (var field in HeaderFields)
        {
            if (envelope.TryGetProperty(field, out var value))
                header[field] = JsonNode.Parse(value.GetRawText());
        }
        // The envelope's common fields follow the rules of §2: the parser checks them on a bodiless event.
        var probe = (JsonObject)header.DeepClone();
        probe["type"] = EventTypes.SessionEnded;
        if (ConsoleEventParser.Parse(JsonSerializer.SerializeToElement(probe)).Rejection is { } bad)
            return Rejected(eventId, sessionId, consoleId, sourceEcho, bad.Reason!, bad.Error!);

        if (sourceEcho is not { Length: > 0 } source)
            return Rejected(eventId, sessionId, consoleId, null, Reasons.InvalidEvent, "source is required for a native envelope");
        var prefix = NativeSources.KnownPrefixes.FirstOrDefault(k => source.StartsWith(k, StringComparison.Ordinal));
        if (prefix is null)
            return Rejected(eventId, sessionId, consoleId, source, Reasons.UnknownType,
                $"source \"{Truncate(source)}\" is not of a known platform ({string.Join(", ", NativeSources.KnownPrefixes.Select(k => k + "*"))})");

        NativeContext context;
        bool mapped;
        try
        {
            var payload = ObjectOrAbsent(envelope, "payload", source);
            var tabInfo = ObjectOrAbsent(envelope, "tabInfo", source);
            context = new NativeContext(source, payload, tabInfo, activeCalls);
            mapped = Platforms[prefix](source[prefix.Length..], context);
        }
        catch (NativeFieldException ex)
        {
            return Rejected(eventId, sessionId, consoleId, source, Reasons.InvalidEvent, ex.Message);
        }
        catch (NativeContext.ActiveCallsNeeded)
        {
            return NativeMapping.AskForActiveCalls;
        }

        if (!mapped || context.Parts.Count == 0)
            return new NativeMapping([new NativeItem(null, NotTracked(eventId, sessionId, consoleId, source))], false);

        var items = new List<NativeItem>(context.Parts.Count);
        for (var k = 0; k < context.Parts.Count; k++)
        {
            var id = k == 0 ? eventId : $"{eventId}#{k}";
            var (e, error) = context.Parts[k];
            if (e is null)
            {
                items.Add(new NativeItem(null, Decision.Rejected(id, sessionId, source, Reasons.InvalidEvent, error!, consoleId)));
                continue;
            }
            foreach (var (field, value) in header)
            {
                if (field == "at" && value is null)
                    continue;
                e[field] = value?.DeepClone();
            }
            if (k > 0)
            {
                e["eventId"] = id;
                // Every event of one line holds the line's one position in its stream (spec §6).
                e["part"] = k;
            }
            items.Add(new NativeItem(e, null));
        }
        return new NativeMapping(items, false);
    }

    /// <summary>The one decision of a line of a known platform that maps to no event (an informational event).</summary>
    public static Decision NotTracked(string? eventId, string? sessionId, string? consoleId, string source) =>
        new(eventId, sessionId, source, consoleId, null, Outcomes.Ignored, NativeSources.NotTracked, []);

    /// <summary>The session's calls as the mapping needs them, read from the session's snapshot.</summary>
    public static IReadOnlyList<ActiveCall> ActiveCallsOf(Queries.SessionSnapshot snapshot) =>
        [.. snapshot.Calls.Select(c => new ActiveCall(c.CallId, c.CallType, c.State))];

    private static NativeObject ObjectOrAbsent(JsonElement envelope, string name, string source)
    {
        if (!envelope.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return new NativeObject(default, name, source);
        return value.ValueKind == JsonValueKind.Object
            ? new NativeObject(value, name, source)
            : throw new NativeFieldException($"{name} must be a JSON object");
    }

    private static NativeMapping Rejected(string? eventId, string? sessionId, string? consoleId, string? type, string reason, string error) =>
        new([new NativeItem(null, Decision.Rejected(eventId, sessionId, type, reason, error, consoleId))], false);

    private static string? Echo(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
