using System.Text.Json;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The web server reference: a minimal ASP.NET Core endpoint on loopback that takes the same <c>POST /v1/events</c>
/// body, checks the same <c>Authorization: Bearer</c> key, parses the event with the tracker's own parser and answers
/// a decision as JSON (no actors, no journal). What the tracker's HTTP rows do beyond this is the tracker's own cost.
/// </summary>
public sealed class BareKestrel : IDisposable
{
    private const string ExpectedHeader = "Bearer " + HttpLoad.IngestKey;
    private readonly WebApplication _app;

    public BareKestrel()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/events", (Delegate)Answer);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => _app.Urls.First();

    private static async Task<IResult> Answer(HttpContext context)
    {
        if (!string.Equals(context.Request.Headers.Authorization.ToString(), ExpectedHeader, StringComparison.Ordinal))
            return Results.Unauthorized();
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
            return Results.Json(Decide(root), DecisionJson.Options);
        return Results.Json(root.EnumerateArray().Select(Decide).ToArray(), DecisionJson.Options);
    }

    private static Decision Decide(JsonElement element)
    {
        var parsed = ConsoleEventParser.Parse(element);
        return parsed.Event is { } e
            ? new Decision(e.EventId, e.SessionId, e.Type, e.Header.ConsoleId, e.NamedTabId, Outcomes.Applied, null, [])
            : parsed.Rejection!;
    }

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
