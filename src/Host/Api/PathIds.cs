using ConsoleContext.Parsing;

namespace ConsoleContext.Host.Api;

/// <summary>Checks ids taken from a route before they reach an actor.</summary>
public static class PathIds
{
    public const int MaxCallIdLength = 256;

    public static string? SessionIdProblem(string sessionId) =>
        ConsoleEventParser.IsValidSessionId(sessionId) ? null : ConsoleEventParser.SessionIdRule;

    public static string? CallIdProblem(string callId) =>
        callId.Length is > 0 and <= MaxCallIdLength && callId.All(c => c >= 0x20 && c <= 0x7E)
            ? null
            : $"callId must be 1-{MaxCallIdLength} printable ASCII characters";
}
