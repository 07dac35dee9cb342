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
                             "bridge sent none). Rejected, stale and eventId-duplicate events are not part of a session's history.");
        return v1;
    }

    private static async Task<IResult> ExportTape(string sessionId, ActorSystem system, CancellationToken ct)
    {
        if (PathIds.SessionIdProblem(sessionId) is { } problem)
            return Problems.BadRequest(problem);

        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var lines = await journal
            .CurrentEventsByPersistenceId(CallOwnershipActor.PersistenceIdOf(sessionId), 0, long.MaxValue)
            .SelectMany(envelope => envelope.Event switch
            {
                EventsAccepted entry => entry.Events,
                EventAccepted entry => [entry.Event],
                _ => [],
            })
            .Select(ConsoleEventJson.Write)
            .RunWith(Sink.Seq<string>(), system.Materializer());
        ct.ThrowIfCancellationRequested();
        if (lines.Count == 0)
            return Problems.NotFound($"session \"{sessionId}\" has no recorded events");
        return Results.Text(string.Join('\n', lines) + "\n", ContentType);
    }
}
