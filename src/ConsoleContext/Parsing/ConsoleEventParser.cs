using System.Runtime.InteropServices;
using System.Text.Json;
using ConsoleContext.Protocol;

namespace ConsoleContext.Parsing;

/// <summary>
/// Turns one JSON event (spec §2) into a typed <see cref="ConsoleEvent"/>, or into a
/// <c>rejected</c> decision whose error names the field (R10). Never throws for bad input: every field is checked
/// against <see cref="FieldRules"/> (ids, texts), <see cref="EventTimestamp"/> (<c>at</c>) and
/// <see cref="EventFields"/> (case-variant names) before anything else sees it.
/// </summary>
public static class ConsoleEventParser
{
    /// <summary>Longest eventId and sessionId, in characters.</summary>
    public const int MaxIdLength = FieldRules.MaxKeyLength;

    /// <summary>The error sentence for a sessionId that breaks its rule.</summary>
    public static readonly string SessionIdRule = FieldRules.KeyProblem("sessionId");

    /// <summary>True when <paramref name="sessionId"/> is a valid sessionId (the whole string; see <see cref="FieldRules.IsKey"/>).</summary>
    public static bool IsValidSessionId(string sessionId) => FieldRules.IsKey(sessionId);

    /// <summary>Parses one tape line or request body; a line that is not JSON is rejected as such.</summary>
    public static ParseResult Parse(string line)
    {
        // A lone surrogate in the line itself (not an escape) is what TapeFile makes of bytes that are not UTF-8.
        if (!FieldRules.IsValidUnicode(line))
            return Reject(null, null, null, Reasons.InvalidEvent, "the line is not valid JSON (it is not valid UTF-8 text)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return Reject(null, null, null, Reasons.InvalidEvent, $"the line is not valid JSON ({FirstSentence(ex.Message)})");
        }
        using (document)
            return Parse(document.RootElement);
    }

    /// <summary>Parses one event already read as JSON (an HTTP body item, or a native envelope's canonical event).</summary>
    public static ParseResult Parse(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return Reject(null, null, null, Reasons.InvalidEvent, "the event must be a JSON object");

        var echoEventId = EchoString(element, "eventId");
        var echoSessionId = EchoString(element, "sessionId");
        var echoType = EchoString(element, "type");
        var echoConsoleId = EchoString(element, "consoleId") is { Length: > 0 } console ? console : null;
        try
        {
            return new ParseResult(ParseObject(element), null);
        }
        catch (InvalidFieldException ex)
        {
            return new ParseResult(null, Decision.Rejected(echoEventId, echoSessionId, echoType, ex.Reason, ex.Message, echoConsoleId));
        }
    }

    private static ConsoleEvent ParseObject(JsonElement e)
    {
        CheckFieldNames(e);

        var eventId = RequiredString(e, "eventId", null);
        if (!FieldRules.IsEventId(eventId))
            throw Invalid(FieldRules.EventIdProblem);
        var sessionId = RequiredString(e, "sessionId", null);
        if (!FieldRules.IsKey(sessionId))
            throw Invalid(SessionIdRule);
        var type = RequiredString(e, "type", null);
        var consoleId = OptionalKey(e, "consoleId");
        var streamId = OptionalKey(e, "streamId");
        var header = new EventHeader(eventId, sessionId, ReadSeq(e), ReadAt(e), consoleId, streamId, ReadPart(e));

        return type switch
        {
            EventTypes.TabCreated => new ConsoleEvents.TabCreated(header,
                RequiredId(e, "tabId", type), OptionalId(e, "parentTabId"), ReadRecord(e), OptionalText(e, "url")),
            EventTypes.TabFocused => new ConsoleEvents.TabFocused(header,
                OptionalId(e, "currentTabId"), OptionalId(e, "previousTabId"), OptionalId(e, "parentTabId")),
            EventTypes.TabClosed => new ConsoleEvents.TabClosed(header, RequiredId(e, "tabId", type)),
            EventTypes.TabReplaced => new ConsoleEvents.TabReplaced(header,
                RequiredId(e, "tabId", type), ReadRecord(e), OptionalText(e, "url"), OptionalId(e, "parentTabId")),
            EventTypes.TabRefreshed => new ConsoleEvents.TabRefreshed(header, RequiredId(e, "tabId", type)),
            EventTypes.TabUpdated => new ConsoleEvents.TabUpdated(header, RequiredId(e, "tabId", type), OptionalText(e, "title")),
            EventTypes.NavigationChanged => new ConsoleEvents.NavigationChanged(header,
                RequiredText(e, "url", type), ReadRecord(e), OptionalId(e, "tabId"), OptionalId(e, "parentTabId")),
            EventTypes.ClickToDial => new ConsoleEvents.ClickToDial(header,
                ReadNumber(e, "number", type)!, ReadRecord(e), OptionalId(e, "tabId")),
            EventTypes.CallStarted => ParseCallStarted(e, header),
            EventTypes.CallConnected or EventTypes.CallHeld or EventTypes.CallResumed => new ConsoleEvents.CallStateChanged(header,
                type, RequiredId(e, "callId", type), null, ReadStartFields(e)),
            EventTypes.CallEnded => new ConsoleEvents.CallStateChanged(header,
                type, RequiredId(e, "callId", type), OptionalText(e, "disposition")),
            EventTypes.CallClaimed => new ConsoleEvents.CallClaimed(header,
                RequiredId(e, "callId", type), RequiredId(e, "tabId", type)),
            EventTypes.AgentStatusChanged => new ConsoleEvents.AgentStatusChanged(header, RequiredText(e, "status", type)),
            EventTypes.SessionEnded => new ConsoleEvents.SessionEnded(header),
            _ => throw new InvalidFieldException(Reasons.UnknownType, $"type \"{Quoted(type)}\" is not a known event type"),
        };
    }

    /// <summary>
    /// A field named like a common field, or like a field of the event's type, but with other letter case is a bridge
    /// bug: reported naming both spellings, before any other problem and before an unknown type. Values of unknown
    /// fields are never read.
    /// </summary>
    private static void CheckFieldNames(JsonElement e)
    {
        var type = TryGetPresent(e, "type", out var typeValue) && typeValue.ValueKind == JsonValueKind.String ? TryGetString(typeValue) : null;
        Span<char> chars = stackalloc char[EventFields.MaxNameLength];
        foreach (var property in e.EnumerateObject())
        {
            // Field names are ASCII: a raw name that is longer, escaped or not ASCII is no case variant of one
            // (an escaped spelling is read the slow way). Nothing is allocated for the usual names.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\'))
            {
                if (TryGetName(property) is { } unescaped && EventFields.CaseVariantOf(unescaped, type) is { } escapedField)
                    throw Invalid($"field \"{Quoted(unescaped)}\" differs from \"{escapedField}\" only by letter case");
                continue;
            }
            if (raw.Length > chars.Length)
                continue;
            if (System.Text.Ascii.ToUtf16(raw, chars, out var written) != System.Buffers.OperationStatus.Done)
                continue;
            if (EventFields.CaseVariantOf(chars[..written], type) is { } field)
                throw Invalid($"field \"{chars[..written]}\" differs from \"{field}\" only by letter case");
        }
    }

    private static string? TryGetName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // A name that is not valid UTF-8 cannot spell an ASCII field name: an unknown field, not inspected.
            return null;
        }
    }

    private static ConsoleEvents.CallStarted ParseCallStarted(JsonElement e, EventHeader header)
    {
        var callId = RequiredId(e, "callId", EventTypes.CallStarted);
        var callType = NormalizeCallType(RequiredString(e, "callType", EventTypes.CallStarted));
        return new ConsoleEvents.CallStarted(header, callId, callType,
            ReadNumber(e, "phoneNumber", null), ReadRecord(e, withAliases: false), OptionalId(e, "tabId"),
            OptionalId(e, "parentCallId"), OptionalBool(e, "replayed") ?? false);
    }

    /// <summary>The optional callStarted fields of callConnected, callHeld and callResumed (R6 adoption); null when none is given.</summary>
    private static CallStartFields? ReadStartFields(JsonElement e)
    {
        var rawCallType = OptionalString(e, "callType");
        var fields = new CallStartFields(rawCallType is null ? null : NormalizeCallType(rawCallType),
            ReadNumber(e, "phoneNumber", null), ReadRecord(e, withAliases: false), OptionalId(e, "tabId"),
            OptionalId(e, "parentCallId"), OptionalBool(e, "replayed") ?? false);
        return fields == CallStartFields.None ? null : fields;
    }

    private static string NormalizeCallType(string raw) =>
        CallTypes.Normalize(raw) ?? throw Invalid($"callType must be one of {CallTypes.Described}");

    // accountId / contactId without recordId are ignored (spec §9 Records), but they must still be valid. Call events
    // carry no aliases (spec §2), so there they are unknown fields and never read.
    private static RecordRef? ReadRecord(JsonElement e, bool withAliases = true)
    {
        var recordId = OptionalId(e, "recordId");
        var accountId = withAliases ? OptionalId(e, "accountId") : null;
        var contactId = withAliases ? OptionalId(e, "contactId") : null;
        var objectType = OptionalText(e, "objectType");
        var recordName = OptionalText(e, "recordName");
        return recordId is null ? null : new RecordRef(recordId, objectType, recordName, accountId, contactId);
    }

    private static long? ReadSeq(JsonElement e)
    {
        if (!TryGetPresent(e, "seq", out var value))
            return null;
        if (!IsInteger(value))
            throw Invalid("seq must be an integer >= 1");
        if (!value.TryGetInt64(out var seq))
            throw Invalid(value.GetRawText().StartsWith('-') ? "seq must be an integer >= 1" : "seq must be at most 9223372036854775807 (2^63-1)");
        return seq >= 1 ? seq : throw Invalid("seq must be an integer >= 1");
    }

    /// <summary>The tracker's own field for the k-th event of a native line (EventHeader.Part); absent means 0.</summary>
    private static int ReadPart(JsonElement e)
    {
        if (!TryGetPresent(e, "part", out var value))
            return 0;
        if (!IsInteger(value) || !value.TryGetInt32(out var part) || part is < 1 or > MaxPart)
            throw Invalid($"part must be an integer from 1 to {MaxPart}");
        return part;
    }

    /// <summary>The most canonical events one native line may map to after its first (spec §6 legs).</summary>
    public const int MaxPart = 999;

    private static DateTimeOffset? ReadAt(JsonElement e)
    {
        if (!TryGetPresent(e, "at", out var value))
            return null;
        DateTimeOffset? at;
        string? problem;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = ReadString(value, "at");
                if (text.Length == 0)
                    return null;
                at = EventTimestamp.ParseIso(text, out problem);
                break;
            case JsonValueKind.Number when IsInteger(value):
                problem = EventTimestamp.RangeProblem;
                at = value.TryGetInt64(out var milliseconds) ? EventTimestamp.FromEpochMilliseconds(milliseconds, out problem) : null;
                break;
            default:
                throw Invalid(EventTimestamp.FormatProblem);
        }
        return at ?? throw Invalid(problem!);
    }

    /// <summary><c>number</c> / <c>phoneNumber</c>: a text, or a JSON integer taken as its decimal text.</summary>
    private static string? ReadNumber(JsonElement e, string name, string? requiredFor)
    {
        if (!TryGetPresent(e, name, out var value))
            return requiredFor is null ? null : throw Invalid($"{name} is required for {requiredFor}");
        string text;
        if (value.ValueKind == JsonValueKind.Number && IsInteger(value))
            text = value.GetRawText();
        else if (value.ValueKind == JsonValueKind.String)
            text = ReadString(value, name);
        else
            throw Invalid($"{name} must be a string or an integer");
        if (text.Length == 0)
            return requiredFor is null ? null : throw Invalid($"{name} must not be empty");
        return FieldRules.IsText(text) ? text : throw Invalid(FieldRules.TextProblem(name));
    }

    private static string RequiredId(JsonElement e, string name, string type)
    {
        var value = RequiredString(e, name, type);
        return FieldRules.IsIdentifier(value) ? value : throw Invalid(FieldRules.IdentifierProblem(name));
    }

    private static string? OptionalId(JsonElement e, string name)
    {
        var value = OptionalString(e, name);
        return value is null || FieldRules.IsIdentifier(value) ? value : throw Invalid(FieldRules.IdentifierProblem(name));
    }

    private static string RequiredText(JsonElement e, string name, string type)
    {
        var value = RequiredString(e, name, type);
        return FieldRules.IsText(value) ? value : throw Invalid(FieldRules.TextProblem(name));
    }

    private static string? OptionalText(JsonElement e, string name)
    {
        var value = OptionalString(e, name);
        return value is null || FieldRules.IsText(value) ? value : throw Invalid(FieldRules.TextProblem(name));
    }

    private static string? OptionalKey(JsonElement e, string name)
    {
        var value = OptionalString(e, name);
        return value is null || FieldRules.IsKey(value) ? value : throw Invalid(FieldRules.KeyProblem(name));
    }

    private static string RequiredString(JsonElement e, string name, string? type)
    {
        if (!TryGetPresent(e, name, out var value))
            throw Invalid(type is null ? $"{name} is required" : $"{name} is required for {type}");
        if (value.ValueKind != JsonValueKind.String)
            throw Invalid($"{name} must be a string");
        var text = ReadString(value, name);
        if (text.Length == 0)
            throw Invalid($"{name} must not be empty");
        return text;
    }

    // An empty optional string carries no information, so it counts as absent (docs/ownership.md).
    private static string? OptionalString(JsonElement e, string name)
    {
        if (!TryGetPresent(e, name, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.String)
            throw Invalid($"{name} must be a string");
        var text = ReadString(value, name);
        return text.Length == 0 ? null : text;
    }

    private static bool? OptionalBool(JsonElement e, string name)
    {
        if (!TryGetPresent(e, name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid($"{name} must be true or false"),
        };
    }

    /// <summary>The string's text; invalid UTF-8 or an escaped lone surrogate is rejected naming the field.</summary>
    private static string ReadString(JsonElement value, string name) =>
        TryGetString(value) ?? throw Invalid($"{name} is not valid Unicode text (invalid UTF-8 or a lone surrogate)");

    private static string? TryGetString(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reads strings lazily: invalid UTF-8 and lone surrogates surface only here.
            return null;
        }
    }

    // A JSON integer is a number written without fraction or exponent: 1.0 and 1e3 are not integers.
    private static bool IsInteger(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static bool TryGetPresent(JsonElement e, string name, out JsonElement value) =>
        e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? EchoString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && TryGetString(value) is { } text
            ? FieldRules.Printable(text)
            : null;

    private static InvalidFieldException Invalid(string message) => new(Reasons.InvalidEvent, message);

    private static ParseResult Reject(string? eventId, string? sessionId, string? type, string reason, string error) =>
        new(null, Decision.Rejected(eventId, sessionId, type, reason, error));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    // A value quoted in an error: at most 64 code points, never half a surrogate pair.
    private static string Quoted(string text)
    {
        var printable = FieldRules.Printable(text);
        var runes = printable.EnumerateRunes().Take(65).ToList();
        return runes.Count <= 64 ? printable : string.Concat(runes.Take(64).Select(r => r.ToString())) + "...";
    }
}
