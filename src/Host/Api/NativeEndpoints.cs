using System.Text.Json;
using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using ConsoleContext.Protocol;
using Microsoft.Extensions.Options;

namespace ConsoleContext.Host.Api;

/// <summary><c>POST /v1/native</c>: platform payloads in native envelopes (spec §6), as the browser bridge sends them.</summary>
public static class NativeEndpoints
{
    /// <summary>Maps <c>POST /native</c> under <paramref name="v1"/>, for an ingest key or a bridge token.</summary>
    public static RouteGroupBuilder MapNative(this RouteGroupBuilder v1)
    {
        v1.MapPost("/native", PostNative)
            .RequireAuthorization(BridgeAuthentication.PostEventsPolicy)
            .Accepts<NativeEnvelopeBody>("application/json")
            .Produces<Decision[]>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("PostNative")
            .WithSummary("Decide platform payloads in native envelopes, one or a batch of up to 1,000")
            .WithDescription("The body is one envelope or an array of them (docs/bridge.md: the source mapping table). The answer is always an array: " +
                             "the decisions of every canonical event the envelopes map to, flattened in input order.");
        return v1;
    }

    private static async Task<IResult> PostNative(HttpContext context, NativeGateway gateway, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(context, limits.Value, ct);
        if (problem is not null)
            return problem;
        using (body)
        {
            var root = body!.RootElement;
            if (BridgeSessionGuard.RefuseOtherSessions(context, root) is { } refused)
                return refused;
            List<JsonElement> envelopes = root.ValueKind == JsonValueKind.Array ? [.. root.EnumerateArray()] : [root];
            if (envelopes.Count > limits.Value.MaxBatchSize)
                return Problems.TooLarge($"the batch has {envelopes.Count} envelopes; at most {limits.Value.MaxBatchSize} are accepted per request");
            try
            {
                return Results.Json(await gateway.DecideAsync(context.Tenant(), envelopes, ct), DecisionJson.Options);
            }
            catch (Exception ex) when (Problems.FromSessionFailure(context, ex) is { } failure)
            {
                return failure;
            }
        }
    }
}

/// <summary>The shape of one native envelope, for the OpenAPI document only (the body is read as raw JSON).</summary>
public sealed class NativeEnvelopeBody
{
    /// <example>b7-41</example>
    public string EventId { get; set; } = "";
    /// <example>005xx0000012345</example>
    public string SessionId { get; set; } = "";
    public string? ConsoleId { get; set; }
    public string? StreamId { get; set; }
    public long? Seq { get; set; }
    /// <example>2026-11-29T10:15:02.125Z</example>
    public string? At { get; set; }
    /// <example>scv.HANGUP</example>
    public string Source { get; set; } = "";
    /// <summary>The platform's payload object, unchanged.</summary>
    public JsonElement? Payload { get; set; }
    /// <summary>What the bridge read with getTabInfo for a tab event.</summary>
    public JsonElement? TabInfo { get; set; }
}
