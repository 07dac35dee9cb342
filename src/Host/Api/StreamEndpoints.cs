using System.Threading.Channels;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using ConsoleContext.Protocol;
using Microsoft.Extensions.Options;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Server-Sent Events, one <c>decision</c> event per decided event: <c>GET /v1/sessions/{sessionId}/decisions</c> for one
/// session, <c>GET /v1/decisions</c> for every session of the key's tenant. Each decision carries an <c>id:</c>
/// (<see cref="StreamId"/>); a reconnect with <c>Last-Event-ID</c> first gets every journaled decision after it, decided
/// again from the journal, then the live ones. A reader that falls behind its buffer gets <c>event: gap</c>; an idle
/// stream a heartbeat comment; the service's shutdown ends every stream with <c>event: end</c>.
/// </summary>
public static class StreamEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapDecisionStream(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{sessionId}/decisions", (string sessionId, HttpContext context, DecisionStreams streams) => streams.RunAsync(context, sessionId))
            .RequireAuthorization(Roles.Query)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("StreamDecisions")
            .WithSummary("Decisions of one session (Server-Sent Events), live from the moment of subscribing, or resumed after Last-Event-ID");
        v1.MapGet("/decisions", (HttpContext context, DecisionStreams streams) => streams.RunAsync(context, sessionId: null))
            .RequireAuthorization(Roles.Query)
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("StreamTenantDecisions")
            .WithSummary("Decisions of every session of the key's tenant (Server-Sent Events), live or resumed after Last-Event-ID");
        return v1;
    }
}

/// <summary>Runs decision streams: subscription, resume from the journal, buffer and gaps, heartbeats, the per-key cap and the end at shutdown.</summary>
public sealed class DecisionStreams(
    ActorSystem system,
    SessionGateway gateway,
    JournalDecisions journal,
    StreamSlots slots,
    IOptions<LimitsOptions> limits,
    IHostApplicationLifetime lifetime)
{
    private const string SessionStoppedEnd = "event: end\ndata: {\"reason\":\"session-stopped\"}\n\n";
    private const string ShutdownEnd = "event: end\ndata: {\"reason\":\"shutdown\"}\n\n";

    /// <summary>How long a stream waits at shutdown for in-flight writes before it ends anyway (Kestrel's own limit is longer).</summary>
    private static readonly TimeSpan MaxWaitForWrites = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(5);

    /// <param name="sessionId">The session to follow; null for every session of the request's tenant.</param>
    public async Task RunAsync(HttpContext context, string? sessionId)
    {
        if (sessionId is not null && PathIds.SessionIdProblem(sessionId) is { } problem)
        {
            await Problems.BadRequest(problem).ExecuteAsync(context);
            return;
        }
        var lastEventId = context.Request.Headers[StreamEndpoints.LastEventIdHeader].ToString();
        StreamId? resumeAfter = null;
        if (lastEventId.Length > 0)
        {
            if (!StreamId.TryParse(lastEventId, out var parsed) || (sessionId is not null && parsed.SessionId != sessionId))
            {
                await Problems.BadRequest($"{StreamEndpoints.LastEventIdHeader} must be the id of a decision this stream sent " +
                                          $"({StreamId.Shape}{(sessionId is null ? "" : $" with sessionId {sessionId}")})").ExecuteAsync(context);
                return;
            }
            resumeAfter = parsed;
        }

        var settings = limits.Value;
        using var slot = slots.TryTake(context.User.Identity?.Name ?? "", settings.StreamsPerKey);
        if (slot is null)
        {
            await Problems.Write(context, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"this API key already has {settings.StreamsPerKey} decision streams open (Limits:StreamsPerKey); close one, or follow many sessions with GET /v1/decisions");
            return;
        }

        var tenant = context.Tenant();
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(settings.StreamBuffer)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        using var following = sessionId is null ? TenantFollowers.Get(system).Follow(tenant) : null;
        var subscriber = system.ActorOf(DecisionStreamActor.Props(channel.Writer, sessionId is null ? tenant : null));
        using var open = Observability.ApiMetrics.StreamOpened(context);
        using var stream = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stream.Token;
        var replayedSoFar = new Dictionary<string, JournalPosition>(StringComparer.Ordinal);
        try
        {
            // Subscribed before the first byte is sent and before the journal is read: any decision released after the client
            // sees the headers is streamed, and none falls between the resume and the live stream.
            if (sessionId is not null)
            {
                gateway.Sessions.Tell(new SessionCommands.SubscribeDecisions(sessionId, subscriber, WatchSession: true) { Tenant = tenant });
                // The session handles its messages in order: once it answers this, the subscription is in place.
                await gateway.AskAsync<Queries.SessionSnapshot>(new SessionQueries.GetSnapshot(sessionId) { Tenant = tenant }, ct);
            }
            else
                await subscriber.Ask<ActorIdentity>(new Identify(null), SubscribeTimeout, ct);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            await WriteAsync(context, ": subscribed\n\n", ct);

            var replayed = replayedSoFar;
            if (resumeAfter is { } after)
            {
                var items = sessionId is null
                    ? journal.TenantAfterAsync(tenant, new SessionKey(tenant, after.SessionId), after.Position, ct)
                    : journal.SessionAfterAsync(new SessionKey(tenant, sessionId), after.Position, ct);
                await foreach (var item in items.WithCancellation(ct))
                {
                    if (item is JournalDecisions.Redecided { Streamed: var streamed })
                    {
                        replayed[streamed.Decision.SessionId ?? ""] = streamed.Position;
                        await WriteAsync(context, Event(streamed), ct);
                    }
                    else if (item is JournalDecisions.Unrecoverable unrecoverable)
                        await WriteAsync(context, Gap(unrecoverable.Missed), ct);
                }
            }

            await foreach (var item in ReadWithHeartbeatsAsync(channel.Reader, settings.StreamHeartbeat, ct))
            {
                var text = item switch
                {
                    StreamedDecision streamed when AlreadyReplayed(replayed, streamed) => null,
                    StreamedDecision streamed => Event(streamed),
                    DecisionStreamActor.Gap gap => Gap(gap.Missed),
                    _ => ": heartbeat\n\n",
                };
                if (text is not null)
                    await WriteAsync(context, text, ct);
            }
            // The reader ends only when the session stopped (DecisionStreamActor): say so rather than fall silent.
            await WriteAsync(context, SessionStoppedEnd, ct);
        }
        catch (Exception ex) when (!context.Response.HasStarted && Problems.FromSessionFailure(context, ex) is { } failure)
        {
            await failure.ExecuteAsync(context);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            if (!context.RequestAborted.IsCancellationRequested)
                await EndAtShutdownAsync(context, channel.Reader, replayedSoFar);
        }
        finally
        {
            if (sessionId is not null)
                gateway.Sessions.Tell(new SessionCommands.UnsubscribeDecisions(sessionId, subscriber) { Tenant = tenant });
            system.Stop(subscriber);
        }
    }

    /// <summary>
    /// A live decision the resume already sent: journaled at or before the last replayed place of its session. A decision the
    /// journal does not hold, at exactly that place, came after it.
    /// </summary>
    private static bool AlreadyReplayed(Dictionary<string, JournalPosition> replayed, StreamedDecision streamed) =>
        replayed.TryGetValue(streamed.Decision.SessionId ?? "", out var last)
        && (streamed.Position < last || (streamed.Position == last && streamed.Journaled));

    private static string Event(StreamedDecision streamed) =>
        $"id: {new StreamId(streamed.Decision.SessionId ?? "", streamed.Position)}\nevent: decision\ndata: {DecisionJson.Serialize(streamed.Decision)}\n\n";

    private static string Gap(long missed) => $"event: gap\ndata: {{\"missed\":{missed}}}\n\n";

    /// <summary>The channel's items as they come; a heartbeat marker (a plain object) whenever it stays empty for <paramref name="heartbeat"/>.</summary>
    private static async IAsyncEnumerable<object> ReadWithHeartbeatsAsync(ChannelReader<object> reader, TimeSpan heartbeat,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var heartbeatMarker = new object();
        Task<bool>? waiting = null;
        while (true)
        {
            if (reader.TryRead(out var item))
            {
                yield return item;
                continue;
            }
            // One wait at a time: a wait outlives the heartbeats it spans, so idle streams do not pile up waiters.
            waiting ??= reader.WaitToReadAsync(ct).AsTask();
            var ready = false;
            try
            {
                ready = await waiting.WaitAsync(heartbeat, ct);
                waiting = null;
            }
            catch (TimeoutException)
            {
            }
            if (waiting is not null)
                yield return heartbeatMarker;
            else if (!ready)
                yield break;
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.WriteAsync(text, ct);
        await context.Response.Body.FlushAsync(ct);
    }

    /// <summary>
    /// The service is stopping: the requests still in flight are answered first (their decisions sent, for at most
    /// <see cref="MaxWaitForWrites"/>), then the client learns the stream ended on purpose and can reconnect with its
    /// Last-Event-ID later.
    /// </summary>
    private static async Task EndAtShutdownAsync(HttpContext context, ChannelReader<object> pending, Dictionary<string, JournalPosition> replayed)
    {
        try
        {
            if (!context.Response.HasStarted)
                context.Response.ContentType = "text/event-stream";
            using (var writesDone = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
            {
                writesDone.CancelAfter(MaxWaitForWrites);
                try
                {
                    await context.RequestServices.GetRequiredService<InFlightWrites>().WhenNoneAsync(writesDone.Token);
                }
                catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // Writes still running after the bound: end the stream anyway so shutdown is not held up by it.
                }
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            while (pending.TryRead(out var item))
            {
                if (item is StreamedDecision streamed && !AlreadyReplayed(replayed, streamed))
                    await WriteAsync(context, Event(streamed), timeout.Token);
            }
            await WriteAsync(context, ShutdownEnd, timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The client is gone or not reading: nothing more to tell it.
        }
    }
}
