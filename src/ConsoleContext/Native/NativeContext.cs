using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConsoleContext.Native;

/// <summary>The envelope being mapped: its payload and tab info, the session's active calls when known, and the events emitted so far.</summary>
internal sealed class NativeContext(string source, NativeObject payload, NativeObject tabInfo, IReadOnlyList<ActiveCall>? activeCalls)
{
    // Epoch milliseconds of 2000-01-01 and 2100-01-01 (UTC): the range spec §2 allows for `at`.
    private const long FirstEpochMs = 946_684_800_000;
    private const long EndEpochMs = 4_102_444_800_000;

    public string Source { get; } = source;
    public NativeObject Payload { get; } = payload;
    public NativeObject TabInfo { get; } = tabInfo;
    public List<(JsonObject? Event, string? Error)> Parts { get; } = [];

    /// <summary>The session's active calls; reading them when they were not given asks the caller to map again with them.</summary>
    public IReadOnlyList<ActiveCall> ActiveCalls => activeCalls ?? throw new ActiveCallsNeeded();

    /// <summary>
    /// The payload object itself, or what it wraps: Lightning Open CTI answers may come as <c>{returnValue: {...}}</c>
    /// and Classic ones as <c>{result: "&lt;the object as a JSON string&gt;"}</c>.
    /// </summary>
    public NativeObject Unwrapped()
    {
        foreach (var wrapper in (ReadOnlySpan<string>)["returnValue", "result"])
        {
            var inner = Payload.Get(wrapper);
            var path = $"{Payload.Path}.{wrapper}";
            if (inner.ValueKind == JsonValueKind.Object)
                return new NativeObject(inner, path, Source);
            if (inner.ValueKind == JsonValueKind.String)
                return new NativeObject(ParseObject(inner.GetString()!, path), path, Source);
        }
        return Payload;
    }

    private static JsonElement ParseObject(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
                return document.RootElement.Clone();
        }
        catch (JsonException)
        {
        }
        throw new NativeFieldException($"{path} must be a JSON object or a string holding one");
    }

    public JsonObject Emit(string type)
    {
        var e = new JsonObject { ["type"] = type };
        Parts.Add((e, null));
        return e;
    }

    /// <summary>Maps one leg of a line that yields several events: a bad leg becomes a rejected decision in its place.</summary>
    public void Leg(Action map)
    {
        var before = Parts.Count;
        try
        {
            map();
        }
        catch (NativeFieldException ex)
        {
            Parts.RemoveRange(before, Parts.Count - before);
            Parts.Add((null, ex.Message));
        }
    }

    /// <summary>A platform timestamp (an ISO-8601 string as a serialised JS Date, or epoch milliseconds) as an `at` string.</summary>
    public static JsonNode? Timestamp(NativeObject owner, string name)
    {
        var value = owner.Get(name);
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return value.GetString() is { Length: > 0 } text ? JsonValue.Create(text) : null;
            case JsonValueKind.Number when value.TryGetInt64(out var ms) && ms is >= FirstEpochMs and < EndEpochMs:
                return JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            default:
                throw new NativeFieldException($"{owner.Path}.{name} must be an ISO-8601 timestamp or epoch milliseconds in the years 2000-2099");
        }
    }

    /// <summary>Thrown (and caught by the mapper) when a mapping needs the session's active calls.</summary>
    internal sealed class ActiveCallsNeeded : Exception;
}

/// <summary>Setting canonical fields only when there is a value, so absent stays absent.</summary>
internal static class CanonicalFields
{
    public static JsonObject With(this JsonObject e, string name, string? value)
    {
        if (value is not null)
            e[name] = value;
        return e;
    }

    public static JsonObject With(this JsonObject e, string name, JsonNode? value)
    {
        if (value is not null)
            e[name] = value;
        return e;
    }

    /// <summary>recordId, objectType, recordName and the person-account aliases, where the platform names them the same.</summary>
    public static JsonObject WithRecord(this JsonObject e, NativeObject p) => e
        .With("recordId", p.OptionalString("recordId"))
        .With("accountId", p.OptionalString("accountId"))
        .With("contactId", p.OptionalString("contactId"))
        .With("objectType", p.OptionalString("objectType"))
        .With("recordName", p.OptionalString("recordName"));
}
