using System.Buffers;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Security;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;

namespace ConsoleContext.Host.Api;

/// <summary><c>GET /v1/sessions/{sessionId}/tape</c>: the session's accepted events as a replayable tape (JSONL).</summary>
public static class TapeEndpoints
{
    public const string ContentType = "application/x-ndjson";

    public static RouteGroupBuilder MapTapeExport(this RouteGroupBuilder v1)
    {
        v1.MapGet("/sessions/{sessionId}/tape", ExportTape)
            .RequireAuthorization(Roles.Query)
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportTape")
            .WithSummary("The session's accepted events as a tape: replaying it reproduces the live decisions")
            .WithDescription("One event a line, in the order the session accepted them, each with `at` set (the arrival time when the " +
                             "bridge sent none). Rejected, stale and eventId-duplicate events are not part of a session's history. " +
                             "Streamed from the journal row by row: any size of session costs the service a bounded amount of memory.");
        return v1;
    }

    /// <summary>
    /// The session's accepted events in journal order, pulled one at a time: the persistence query holds at most
    /// <see cref="Hosting.ConsoleContextConfig.QueryBufferRows"/> rows, and the response's writes push back on it.
    /// </summary>
    public static IAsyncEnumerable<ConsoleEvent> ReadTape(ActorSystem system, SessionKey session) =>
        PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier)
            .CurrentEventsByPersistenceId(session.PersistenceId(SessionRouterActor.DurableScope), 0, long.MaxValue)
            .SelectMany(envelope => JournalRows.EventsOf(envelope.Event))
            .RunAsAsyncEnumerable(system.Materializer());

    private const int FlushEveryLines = 32;

    private static async Task ExportTape(string sessionId, HttpContext context, ActorSystem system)
    {
        if (PathIds.SessionIdProblem(sessionId) is { } problem)
        {
            await Problems.BadRequest(problem).ExecuteAsync(context);
            return;
        }

        var ct = context.RequestAborted;
        // Disposing the enumerator cancels the journal query.
        await using var tape = ReadTape(system, new SessionKey(context.Tenant(), sessionId)).GetAsyncEnumerator(ct);
        try
        {
            if (!await tape.MoveNextAsync())
            {
                // Another tenant's session answers exactly like one that never existed.
                await Problems.NotFound($"session \"{sessionId}\" has no recorded events").ExecuteAsync(context);
                return;
            }
            context.Response.ContentType = ContentType;
            var body = context.Response.BodyWriter;
            var unflushed = 0;
            do
            {
                // Straight into the response's buffers (no string per line), flushed every few lines so it never holds many.
                ConsoleEventJson.Write(body, tape.Current);
                body.Write("\n"u8);
                if (++unflushed == FlushEveryLines)
                {
                    await body.FlushAsync(ct);
                    unflushed = 0;
                }
            }
            while (await tape.MoveNextAsync());
            await body.FlushAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: stop reading the journal.
        }
    }
}
