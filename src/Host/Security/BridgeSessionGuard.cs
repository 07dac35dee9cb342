using System.Text.Json;
using ConsoleContext.Host.Api;

namespace ConsoleContext.Host.Security;

/// <summary>A bridge token posts for its own session only: a body naming another session is refused whole (403).</summary>
public static class BridgeSessionGuard
{
    /// <returns>The 403 answer, or null when the caller uses an API key or every item is of the token's session.</returns>
    public static IResult? RefuseOtherSessions(HttpContext context, JsonElement body)
    {
        var session = context.User.FindFirst(BridgeTokens.SessionClaim)?.Value;
        if (session is null)
            return null;
        var items = body.ValueKind == JsonValueKind.Array ? body.EnumerateArray().ToList() : [body];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.Object
                && items[i].TryGetProperty("sessionId", out var value)
                && value.ValueKind == JsonValueKind.String
                && value.GetString() != session)
            {
                return Problems.Of(StatusCodes.Status403Forbidden, "Forbidden",
                    $"this bridge token is for session \"{session}\" only; item {i} is for another session, so nothing in the request was accepted");
            }
        }
        return null;
    }
}
