using System.Globalization;
using System.Text.Json;

namespace ConsoleContext.Native;

/// <summary>
/// One object of a native payload with its path (<c>payload.call.contact</c>), so every error names the payload
/// field as the platform spelled it. An absent or null object reads as empty.
/// </summary>
internal readonly record struct NativeObject(JsonElement Element, string Path, string Source)
{
    public bool Exists => Element.ValueKind == JsonValueKind.Object;

    public JsonElement Get(string name) =>
        Exists && Element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : default;

    public bool Has(string name) => Get(name).ValueKind != JsonValueKind.Undefined;

    public NativeObject Child(string name)
    {
        var value = Get(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Object)
            return new NativeObject(value, $"{Path}.{name}", Source);
        throw new NativeFieldException($"{Path}.{name} must be a JSON object");
    }

    /// <summary>A non-empty string field; absent or empty is "required".</summary>
    public string Required(string name) =>
        OptionalString(name) ?? throw Missing(name);

    /// <summary>A string or an integer given as a JSON number (a documented onClickToDial payload types the number so), as text.</summary>
    public string RequiredText(string name) => Text(name) ?? throw Missing(name);

    public string? OptionalString(string name)
    {
        var value = Get(name);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined => null,
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            _ => throw new NativeFieldException($"{Path}.{name} must be a string"),
        };
    }

    public string? Text(string name)
    {
        var value = Get(name);
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt64(out var digits) && digits >= 0
                ? digits.ToString(CultureInfo.InvariantCulture)
                : throw new NativeFieldException($"{Path}.{name} must be a string or a non-negative integer");
        }
        return OptionalString(name);
    }

    public bool? Flag(string name)
    {
        var value = Get(name);
        return value.ValueKind switch
        {
            JsonValueKind.Undefined => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new NativeFieldException($"{Path}.{name} must be true or false"),
        };
    }

    public NativeFieldException Missing(string name) => new($"{Path}.{name} is required for {Source}");
}
