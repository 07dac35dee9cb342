using System.Text.Json;
using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using ConsoleContext.Parsing;
using Microsoft.Extensions.Options;

namespace ConsoleContext.Host.Api;

/// <summary><c>POST /v1/bridge-tokens</c> (ingest key): a browser-safe token for one session's bridge.</summary>
public static class BridgeTokenEndpoints
{
    /// <summary>The answer: the JWT and when it expires (ISO-8601, UTC).</summary>
    public sealed record BridgeTokenResponse(string Token, DateTimeOffset ExpiresAt);

    /// <summary>The request, for the OpenAPI document.</summary>
    public sealed record BridgeTokenRequest(string SessionId, int? TtlSeconds);

    /// <summary>Maps <c>POST /bridge-tokens</c> under <paramref name="v1"/>, for an ingest key.</summary>
    public static RouteGroupBuilder MapBridgeTokens(this RouteGroupBuilder v1)
    {
        v1.MapPost("/bridge-tokens", PostToken)
            .RequireAuthorization(Roles.Ingest)
            .Accepts<BridgeTokenRequest>("application/json")
            .Produces<BridgeTokenResponse>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("PostBridgeToken")
            .WithSummary("Mint a bridge token for one session")
            .WithDescription($"Needs an ingest key (never hand that to a browser). The token may post events and native envelopes of that session only; " +
                             $"ttlSeconds {BridgeTokens.MinTtlSeconds}-{BridgeTokens.MaxTtlSeconds}, default {BridgeTokens.DefaultTtlSeconds}.");
        return v1;
    }

    private static async Task<IResult> PostToken(HttpContext context, BridgeTokens tokens, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(context, limits.Value, ct);
        if (problem is not null)
            return problem;
        using (body)
        {
            var root = body!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return Problems.BadRequest("the body must be a JSON object {\"sessionId\": \"...\", \"ttlSeconds\": 3600}");
            if (!root.TryGetProperty("sessionId", out var session) || session.ValueKind != JsonValueKind.String
                || !ConsoleEventParser.IsValidSessionId(session.GetString()!))
                return Problems.BadRequest(ConsoleEventParser.SessionIdRule);
            var ttl = BridgeTokens.DefaultTtlSeconds;
            if (root.TryGetProperty("ttlSeconds", out var ttlValue) && ttlValue.ValueKind != JsonValueKind.Null
                && (ttlValue.ValueKind != JsonValueKind.Number || !ttlValue.TryGetInt32(out ttl)
                    || ttl is < BridgeTokens.MinTtlSeconds or > BridgeTokens.MaxTtlSeconds))
                return Problems.BadRequest($"ttlSeconds must be an integer from {BridgeTokens.MinTtlSeconds} to {BridgeTokens.MaxTtlSeconds}");
            var (token, expiresAt) = tokens.Mint(session.GetString()!, TimeSpan.FromSeconds(ttl), context.Tenant());
            return Results.Ok(new BridgeTokenResponse(token, expiresAt));
        }
    }
}
