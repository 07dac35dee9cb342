namespace ConsoleContext.Protocol;

/// <summary>The call types a callStarted may carry; compared case-insensitively, stored lower-case.</summary>
public static class CallTypes
{
    public static readonly IReadOnlyList<string> All = ["inbound", "outbound", "callback", "transfer", "internal", "consult"];

    public static string? Normalize(string value)
    {
        foreach (var known in All)
        {
            if (string.Equals(known, value, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        return null;
    }
}
