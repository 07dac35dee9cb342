using System.Threading.Channels;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Security;
using ConsoleContext.Protocol;

namespace ConsoleContext.Host.Api;

/// <summary><c>GET /v1/sessions/{sessionId}/decisions</c>: Server-Sent Events, one <c>decision</c> event per decided event.</summary>
public static class StreamEndpoints
{
    public const int BufferedDecisions = 10_000;

    public static RouteGroupBuilder MapDecisionStream(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{sessionId}/decisions", StreamDecisions)
            .RequireAuthorization(Roles.Query)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithName("StreamDecisions")
            .WithSummary("Live decisions of one session (Server-Sent Events), from the moment of subscribing");
        return v1;
    }

    private static async Task StreamDecisions(string sessionId, HttpContext context, SessionGateway gateway, ActorSystem system)
    {
        if (PathIds.SessionIdProblem(sessionId) is { } problem)
        {
            await Problems.BadRequest(problem).ExecuteAsync(context);
            return;
        }

        var ct = context.RequestAborted;
        var channel = Channel.CreateBounded<Decision>(new BoundedChannelOptions(BufferedDecisions)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var subscriber = system.ActorOf(DecisionStreamActor.Props(channel.Writer));
        // Subscribed before the first byte is sent: any event posted after the client sees the headers is streamed.
        gateway.Sessions.Tell(new SessionCommands.SubscribeDecisions(sessionId, subscriber) { Tenant = context.Tenant() });
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.WriteAsync(": subscribed\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            await foreach (var decision in channel.Reader.ReadAllAsync(ct))
            {
                await context.Response.WriteAsync($"event: decision\ndata: {DecisionJson.Serialize(decision)}\n\n", ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: the normal end of a stream.
        }
        finally
        {
            gateway.Sessions.Tell(new SessionCommands.UnsubscribeDecisions(sessionId, subscriber) { Tenant = context.Tenant() });
            system.Stop(subscriber);
        }
    }
}
