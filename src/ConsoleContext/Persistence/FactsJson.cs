using System.Buffers;
using System.Runtime.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// The payload of <c>events-decided.v1</c>: one line per fact, <c>{"event":TAPE-LINE,"decision":DECISION,"changes":[...]}</c>,
/// lines joined by <c>\n</c>; <c>events-decided.v2</c> is the same with <c>"acceptedAt"</c> (ISO-8601, the server's clock) on the
/// facts that keep it (<see cref="DecidedFact.AcceptedAt"/>). The event is the canonical tape line itself (the parser reads it back, as for input rows);
/// each change names its kind in <c>"kind"</c> (<see cref="Kinds"/>, fixed names: renaming a C# type must not change them).
/// </summary>
public static class FactsJson
{
    /// <summary>The stored name of each change type. Never change a name; a new change type gets a new name.</summary>
    public static readonly IReadOnlyList<(Type Type, string Kind)> Kinds =
    [
        (typeof(SessionChanges.EventRecorded), "eventRecorded"),
        (typeof(SessionChanges.TabSaved), "tabSaved"),
        (typeof(SessionChanges.TabsClosed), "tabsClosed"),
        (typeof(SessionChanges.FocusChanged), "focusChanged"),
        (typeof(SessionChanges.CallSaved), "callSaved"),
        (typeof(SessionChanges.CallsForgotten), "callsForgotten"),
        (typeof(SessionChanges.ClickIntentsChanged), "clickIntentsChanged"),
        (typeof(SessionChanges.LastNavigationChanged), "lastNavigationChanged"),
        (typeof(SessionChanges.AgentStatusChanged), "agentStatusChanged"),
        (typeof(SessionChanges.ConsoleCleared), "consoleCleared"),
    ];

    private static readonly JsonSerializerOptions Changes = new(JsonSerializerDefaults.Web)
    {
        // Computed members (TabState.Key, CallState.IsActive, ...) are not state: leave them out of the row.
        IgnoreReadOnlyProperties = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { NameChangeKinds } },
    };

    private static void NameChangeKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(SessionChange))
            return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
        };
        foreach (var (type, kind) in Kinds)
            info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, kind));
    }

    public static byte[] Write(EventsDecided row)
    {
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < row.Facts.Count; i++)
        {
            if (i > 0)
                buffer.Write("\n"u8);
            var fact = row.Facts[i];
            using var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DecisionJson.Options.Encoder });
            w.WriteStartObject();
            w.WritePropertyName("event");
            w.WriteRawValue(ConsoleEventJson.Write(fact.Event), skipInputValidation: true);
            w.WritePropertyName("decision");
            JsonSerializer.Serialize(w, fact.Decision, DecisionJson.Options);
            w.WritePropertyName("changes");
            JsonSerializer.Serialize(w, fact.Changes, Changes);
            if (fact.AcceptedAt is { } acceptedAt)
                w.WriteString("acceptedAt", acceptedAt);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <param name="parseEvent">Reads a stored tape line (the serializer's guarded parse).</param>
    /// <exception cref="SerializationException">A line that is not a fact.</exception>
    public static EventsDecided Read(ReadOnlySpan<byte> bytes, Func<string, ConsoleEvent> parseEvent)
    {
        var facts = new List<DecidedFact>();
        while (true)
        {
            var end = bytes.IndexOf((byte)'\n');
            var line = end < 0 ? bytes : bytes[..end];
            try
            {
                using var doc = JsonDocument.Parse(line.ToArray());
                var root = doc.RootElement;
                facts.Add(new DecidedFact(
                    parseEvent(root.GetProperty("event").GetRawText()),
                    root.GetProperty("decision").Deserialize<Decision>(DecisionJson.Options) ?? throw new SerializationException("a stored fact has no decision"),
                    root.GetProperty("changes").Deserialize<List<SessionChange>>(Changes) ?? throw new SerializationException("a stored fact has no changes"))
                {
                    AcceptedAt = root.TryGetProperty("acceptedAt", out var acceptedAt) ? acceptedAt.GetDateTimeOffset() : null,
                });
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or NotSupportedException or FormatException)
            {
                throw new SerializationException($"a stored fact is unreadable: {ex.Message}", ex);
            }
            if (end < 0)
                return new EventsDecided(facts);
            bytes = bytes[(end + 1)..];
        }
    }
}
