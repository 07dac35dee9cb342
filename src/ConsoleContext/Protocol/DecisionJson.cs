using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ConsoleContext.Protocol;

/// <summary>The one place that fixes how decisions look on the wire (spec §3).</summary>
public static class DecisionJson
{
    /// <summary>
    /// Web defaults, explicit nulls, relaxed escaping; decisions and their arrays through source-generated metadata
    /// (<see cref="DecisionJsonContext"/>), any other type by reflection as before.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Decisions go to JSONL files, HTTP bodies and SSE, never into HTML: keep quotes and apostrophes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(DecisionJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Serialize(Decision decision) => JsonSerializer.Serialize(decision, Options);

    public static Decision? Deserialize(string json) => JsonSerializer.Deserialize<Decision>(json, Options);
}

/// <summary>Compile-time serialization metadata for decisions (no reflection on the answer path); options as <see cref="DecisionJson.Options"/>.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(Decision))]
[JsonSerializable(typeof(Decision[]))]
[JsonSerializable(typeof(IReadOnlyList<Decision>))]
internal sealed partial class DecisionJsonContext : JsonSerializerContext;
