using ConsoleContext.Parsing;
using Microsoft.AspNetCore.Http.Features;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Checks ids taken from a route before they reach an actor, by the same rules as the event fields they name
/// (<see cref="FieldRules"/>): a sessionId as an event's sessionId, a callId as an event's callId. So every id that
/// can be posted can be looked up, and none that could not be posted reaches a session.
/// </summary>
public static class PathIds
{
    /// <summary>Longest callId a route accepts: the identifier limit of events.</summary>
    public const int MaxCallIdLength = FieldRules.MaxIdentifierLength;

    /// <summary>Null when <paramref name="sessionId"/> is a valid sessionId, else the sentence saying why not.</summary>
    public static string? SessionIdProblem(string sessionId) =>
        FieldRules.IsKey(sessionId) ? null : FieldRules.KeyProblem("sessionId");

    /// <summary>Null when <paramref name="callId"/> is a valid callId, else the sentence saying why not.</summary>
    public static string? CallIdProblem(string callId) =>
        FieldRules.IsIdentifier(callId) ? null : FieldRules.IdentifierProblem("callId");

    /// <summary>
    /// The route id at <paramref name="segment"/> (0-based, e.g. 2 for <c>/v1/calls/{callId}</c>) decoded from the raw
    /// request target. The server leaves <c>%2F</c> encoded in route values, so a callId holding <c>/</c> (printable
    /// ASCII, hence valid in an event) could never be looked up through <paramref name="routeValue"/> alone.
    /// </summary>
    public static string FromRawTarget(HttpContext context, int segment, string routeValue)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
            return routeValue;
        var query = target.IndexOf('?');
        var segments = (query < 0 ? target : target[..query]).Split('/');
        // segments[0] is the empty string before the leading slash.
        return segment + 1 < segments.Length ? Uri.UnescapeDataString(segments[segment + 1]) : routeValue;
    }
}
