namespace ConsoleContext.Protocol;

/// <summary>
/// The call types a call may carry (spec §2): compared case-insensitively, reported in the canonical lower-case form.
/// Platform spellings (Service Cloud Voice) map to one of them: <c>InternalCall</c> = internal,
/// <c>DialedCallback</c> = callback, <c>AddParticipant</c> = transfer.
/// </summary>
public static class CallTypes
{
    public static readonly IReadOnlyList<string> All = ["inbound", "outbound", "callback", "transfer", "internal", "consult"];

    private static readonly (string Spelling, string Canonical)[] PlatformSpellings =
        [("InternalCall", "internal"), ("DialedCallback", "callback"), ("AddParticipant", "transfer")];

    /// <summary>The canonical type for <paramref name="value"/>, or null when it is neither a type nor a platform spelling of one.</summary>
    public static string? Normalize(string value)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        foreach (var (spelling, canonical) in PlatformSpellings)
        {
            if (string.Equals(spelling, value, StringComparison.OrdinalIgnoreCase))
                return canonical;
        }
        return null;
    }

    /// <summary>The accepted values as an error message lists them.</summary>
    public static string Described => $"{string.Join(", ", All)} (or InternalCall, DialedCallback, AddParticipant)";
}
