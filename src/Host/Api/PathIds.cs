using System.Text.RegularExpressions;

namespace ConsoleContext.Host.Api;

/// <summary>Checks ids taken from a route before they reach an actor.</summary>
public static partial class PathIds
{
    public const int MaxCallIdLength = 256;

    public static string? SessionIdProblem(string sessionId) => SessionIdPattern().IsMatch(sessionId)
        ? null
        : "sessionId must be 1-128 characters from A-Z, a-z, 0-9 and . _ : @ -";

    public static string? CallIdProblem(string callId) =>
        callId.Length is > 0 and <= MaxCallIdLength && callId.All(c => c >= 0x20 && c <= 0x7E)
            ? null
            : $"callId must be 1-{MaxCallIdLength} printable ASCII characters";

    [GeneratedRegex("^[A-Za-z0-9._:@-]{1,128}$")]
    private static partial Regex SessionIdPattern();
}
