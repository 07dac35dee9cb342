using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ConsoleContext.Protocol;

/// <summary>The one place that fixes how decisions look on the wire (spec §3).</summary>
public static class DecisionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Decisions go to JSONL files, HTTP bodies and SSE, never into HTML: keep quotes and apostrophes readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(Decision decision) => JsonSerializer.Serialize(decision, Options);

    public static Decision? Deserialize(string json) => JsonSerializer.Deserialize<Decision>(json, Options);
}
