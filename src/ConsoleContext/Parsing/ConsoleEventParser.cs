using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ConsoleContext.Protocol;

namespace ConsoleContext.Parsing;

/// <summary>
/// Turns one JSON event (spec §2) into a typed <see cref="ConsoleEvent"/>, or into a
/// <c>rejected</c> decision whose error names the field (R10). Never throws for bad input.
/// </summary>
public static partial class ConsoleEventParser
{
    public const int MaxIdLength = 128;
    public const string SessionIdRule = "sessionId must be 1-128 characters from A-Z, a-z, 0-9 and . _ : @ -";

    public static bool IsValidSessionId(string sessionId) => SessionIdPattern().IsMatch(sessionId);

    public static ParseResult Parse(string line)
    {
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
        var eventId = RequiredString(e, "eventId", null);
        if (eventId.Length > MaxIdLength || !IsPrintableAscii(eventId))
            throw Invalid("eventId must be 1-128 printable ASCII characters");

        var sessionId = RequiredString(e, "sessionId", null);
        if (!IsValidSessionId(sessionId))
            throw Invalid(SessionIdRule);

        var type = RequiredString(e, "type", null);
        var consoleId = OptionalString(e, "consoleId");
        if (consoleId is not null && !IsValidSessionId(consoleId))
            throw Invalid("consoleId must be 1-128 characters from A-Z, a-z, 0-9 and . _ : @ -");
        var streamId = OptionalString(e, "streamId");
        if (streamId is not null && !IsValidSessionId(streamId))
            throw Invalid("streamId must be 1-128 characters from A-Z, a-z, 0-9 and . _ : @ -");
        var header = new EventHeader(eventId, sessionId, ReadSeq(e), ReadAt(e), consoleId, streamId);

        return type switch
        {
            EventTypes.TabCreated => new ConsoleEvents.TabCreated(header,
                RequiredString(e, "tabId", type), OptionalString(e, "parentTabId"), ReadRecord(e), OptionalString(e, "url")),
            EventTypes.TabFocused => new ConsoleEvents.TabFocused(header,
                OptionalString(e, "currentTabId"), OptionalString(e, "previousTabId"), OptionalString(e, "parentTabId")),
            EventTypes.TabClosed => new ConsoleEvents.TabClosed(header, RequiredString(e, "tabId", type)),
            EventTypes.TabReplaced => new ConsoleEvents.TabReplaced(header,
                RequiredString(e, "tabId", type), ReadRecord(e), OptionalString(e, "url"), OptionalString(e, "parentTabId")),
            EventTypes.TabRefreshed => new ConsoleEvents.TabRefreshed(header, RequiredString(e, "tabId", type)),
            EventTypes.TabUpdated => new ConsoleEvents.TabUpdated(header, RequiredString(e, "tabId", type), OptionalString(e, "title")),
            EventTypes.NavigationChanged => new ConsoleEvents.NavigationChanged(header,
                RequiredString(e, "url", type), ReadRecord(e), OptionalString(e, "tabId"), OptionalString(e, "parentTabId")),
            EventTypes.ClickToDial => new ConsoleEvents.ClickToDial(header,
                RequiredString(e, "number", type), ReadRecord(e), OptionalString(e, "tabId")),
            EventTypes.CallStarted => ParseCallStarted(e, header),
            EventTypes.CallConnected or EventTypes.CallHeld or EventTypes.CallResumed => new ConsoleEvents.CallStateChanged(header,
                type, RequiredString(e, "callId", type), null, ReadStartFields(e)),
            EventTypes.CallEnded => new ConsoleEvents.CallStateChanged(header,
                type, RequiredString(e, "callId", type), OptionalString(e, "disposition")),
            EventTypes.CallClaimed => new ConsoleEvents.CallClaimed(header,
                RequiredString(e, "callId", type), RequiredString(e, "tabId", type)),
            EventTypes.AgentStatusChanged => new ConsoleEvents.AgentStatusChanged(header, RequiredString(e, "status", type)),
            EventTypes.SessionEnded => new ConsoleEvents.SessionEnded(header),
            _ => throw new InvalidFieldException(Reasons.UnknownType, $"type \"{Truncate(type)}\" is not a known event type"),
        };
    }

    private static ConsoleEvents.CallStarted ParseCallStarted(JsonElement e, EventHeader header)
    {
        var callId = RequiredString(e, "callId", EventTypes.CallStarted);
        var callType = NormalizeCallType(RequiredString(e, "callType", EventTypes.CallStarted));
        return new ConsoleEvents.CallStarted(header, callId, callType,
            OptionalString(e, "phoneNumber"), ReadRecord(e), OptionalString(e, "tabId"),
            OptionalString(e, "parentCallId"), OptionalBool(e, "replayed") ?? false);
    }

    /// <summary>The optional callStarted fields of callConnected, callHeld and callResumed (R6 adoption); null when none is given.</summary>
    private static CallStartFields? ReadStartFields(JsonElement e)
    {
        var rawCallType = OptionalString(e, "callType");
        var fields = new CallStartFields(rawCallType is null ? null : NormalizeCallType(rawCallType),
            OptionalString(e, "phoneNumber"), ReadRecord(e), OptionalString(e, "tabId"),
            OptionalString(e, "parentCallId"), OptionalBool(e, "replayed") ?? false);
        return fields == CallStartFields.None ? null : fields;
    }

    private static string NormalizeCallType(string raw) =>
        CallTypes.Normalize(raw) ?? throw Invalid($"callType must be one of {CallTypes.Described}");

    // accountId / contactId without recordId are ignored (spec §9 Records).
    private static RecordRef? ReadRecord(JsonElement e)
    {
        var recordId = OptionalString(e, "recordId");
        var accountId = OptionalString(e, "accountId");
        var contactId = OptionalString(e, "contactId");
        var objectType = OptionalString(e, "objectType");
        var recordName = OptionalString(e, "recordName");
        return recordId is null ? null : new RecordRef(recordId, objectType, recordName, accountId, contactId);
    }

    private static long? ReadSeq(JsonElement e)
    {
        if (!TryGetPresent(e, "seq", out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number)
            throw Invalid("seq must be an integer >= 1");
        var raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 || !value.TryGetInt64(out var seq) || seq < 1)
            throw Invalid("seq must be an integer >= 1");
        return seq;
    }

    private static DateTimeOffset? ReadAt(JsonElement e)
    {
        if (!TryGetPresent(e, "at", out var value))
            return null;
        const string problem = "at must be an ISO-8601 timestamp with an offset, e.g. 2026-11-24T09:15:00Z";
        if (value.ValueKind != JsonValueKind.String)
            throw Invalid(problem);
        var text = value.GetString()!;
        if (!TimestampPattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            throw Invalid(problem);
        return at;
    }

    private static string RequiredString(JsonElement e, string name, string? type)
    {
        if (!TryGetPresent(e, name, out var value))
            throw Invalid(type is null ? $"{name} is required" : $"{name} is required for {type}");
        if (value.ValueKind != JsonValueKind.String)
            throw Invalid($"{name} must be a string");
        var text = value.GetString()!;
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
        var text = value.GetString()!;
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

    private static bool TryGetPresent(JsonElement e, string name, out JsonElement value) =>
        e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static string? EchoString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsPrintableAscii(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 || c > 0x7E)
                return false;
        }
        return true;
    }

    private static InvalidFieldException Invalid(string message) => new(Reasons.InvalidEvent, message);

    private static ParseResult Reject(string? eventId, string? sessionId, string? type, string reason, string error) =>
        new(null, Decision.Rejected(eventId, sessionId, type, reason, error));

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut < 0 ? message : message[..cut]).TrimEnd('.');
    }

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "...";

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,128}$")]
    private static partial Regex SessionIdPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex TimestampPattern();
}
