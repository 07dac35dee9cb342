using System.Diagnostics;
using System.Text.Json;
using ConsoleContext.Host.Observability;
using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using ConsoleContext.Protocol;
using ConsoleContext.Telemetry;
using Microsoft.Extensions.Options;

namespace ConsoleContext.Host.Api;

/// <summary><c>POST /v1/events</c>: one event or a batch; decisions come back in input order.</summary>
public static class EventsEndpoints
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder v1)
    {
        v1.MapPost("/events", PostEvents)
            .RequireAuthorization(BridgeAuthentication.PostEventsPolicy)
            .Accepts<EventBody>("application/json")
            .Produces<Decision>(StatusCodes.Status200OK, "application/json")
            .Produces<Decision[]>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("PostEvents")
            .WithSummary("Decide one console event, or a batch of up to 1,000")
            .WithDescription("The body is one event object or an array of them (spec: docs/ownership.md). Each gets a decision, in input order; " +
                             "a bad item gets its own rejected decision and the others are decided normally.");
        return v1;
    }

    private static async Task<IResult> PostEvents(HttpContext context, SessionGateway gateway, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(context, limits.Value, ct);
        if (problem is not null)
            return problem;
        using (body)
        {
            var root = body!.RootElement;
            if (BridgeSessionGuard.RefuseOtherSessions(context, root) is { } refused)
                return refused;
            var started = Stopwatch.GetTimestamp();
            using var activity = TrackerTelemetry.Source.StartActivity("decide");
            try
            {
                if (root.ValueKind != JsonValueKind.Array)
                {
                    var decision = await gateway.DecideAsync(context.Tenant(), root, ct);
                    ApiMetrics.Decided(context, [decision], started);
                    return Results.Json(decision, DecisionJson.Options);
                }

                var count = root.GetArrayLength();
                if (count > limits.Value.MaxBatchSize)
                    return Problems.TooLarge($"the batch has {count} events; at most {limits.Value.MaxBatchSize} are accepted per request");
                activity?.SetTag("consolecontext.batch.size", count);
                var decisions = await gateway.DecideBatchAsync(context.Tenant(), [.. root.EnumerateArray()], ct);
                ApiMetrics.Decided(context, decisions, started);
                return Results.Json(decisions, DecisionJson.Options);
            }
            catch (Exception ex) when (Problems.FromSessionFailure(context, ex) is { } failure)
            {
                return failure;
            }
        }
    }
}
