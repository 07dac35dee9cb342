using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Security;
using ConsoleContext.Queries;

namespace ConsoleContext.Host.Api;

/// <summary>The softphone backend's questions: who owns call X, and what does session Y look like.</summary>
public static class QueryEndpoints
{
    // "/v1/calls/{callId}": the callId is the third path segment.
    private const int CallIdSegment = 2;

    public static RouteGroupBuilder MapQueries(this RouteGroupBuilder v1)
    {
        v1.MapGet("/calls/{callId}", GetCall)
            .RequireAuthorization(Roles.Query)
            .Produces<CallView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCall")
            .WithSummary("The owner of a call, by callId alone")
            .WithDescription("Answers from the session that most recently started the call: state, owner tab, the owner's primary tab, " +
                             "related records and a call-log suggestion (whoId: first related Contact or Lead; whatId: latest other record). " +
                             "An ended call answers from its archive (the session's answer as of the call's last change) until " +
                             "ended-call-retention (24 h) after its end, then 404.");

        v1.MapGet("/calls/{callId}/timeline", GetTimeline)
            .RequireAuthorization(Roles.Query)
            .Produces<IReadOnlyList<TimelineEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCallTimeline")
            .WithSummary("Every change of a call's owner or state, oldest first")
            .WithDescription("A JSON array of `{at, eventId, state, ownerTabId, ownerConsoleId, reason}`: one entry per accepted event that " +
                             "changed the call's state or owner, with that event's `at` and id and the decision's reason. Built from the " +
                             "facts the session journaled, so it reads the same after a restart and on any node; at most the latest " +
                             "64 entries of a call. An ended call's timeline is archived with the call and answers until " +
                             "ended-call-retention (24 h) after its end.");

        v1.MapGet("/sessions/{sessionId}", GetSession)
            .RequireAuthorization(Roles.Query)
            .Produces<SessionSnapshot>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetSession")
            .WithSummary("A session snapshot: tab tree with records, focused tab, calls with owners, agent status");
        return v1;
    }

    private static Task<IResult> GetCall(string callId, HttpContext context, SessionGateway gateway, CancellationToken ct) =>
        AskCallsSession(callId, context, gateway, archived => Results.Ok(archived.View), (session, call) => new SessionQueries.GetCall(session, call),
            answer => answer is CallView view ? Results.Ok(view) : null, ct);

    private static Task<IResult> GetTimeline(string callId, HttpContext context, SessionGateway gateway, CancellationToken ct) =>
        AskCallsSession(callId, context, gateway, archived => Results.Ok(archived.Timeline), (session, call) => new SessionQueries.GetTimeline(session, call),
            answer => answer is SessionQueries.Timeline timeline ? Results.Ok(timeline.Entries) : null, ct);

    /// <summary>
    /// Asks the call's entry: an ended call answers from its archive (<paramref name="fromArchive"/>), any other from the session
    /// that started it; <paramref name="found"/> gives null for "no such call" (404).
    /// </summary>
    private static async Task<IResult> AskCallsSession(string callId, HttpContext context, SessionGateway gateway,
        Func<Actors.Calls.CallEntryMessages.ArchivedCall, IResult> fromArchive, Func<string, string, TenantMessage> query, Func<object, IResult?> found,
        CancellationToken ct)
    {
        callId = PathIds.FromRawTarget(context, CallIdSegment, callId);
        if (PathIds.CallIdProblem(callId) is { } problem)
            return Problems.BadRequest(problem);
        try
        {
            var tenant = context.Tenant();
            var location = await gateway.LocateCallAsync(tenant, callId, ct);
            if (location.Archived is { } archived)
                return fromArchive(archived);
            if (location.SessionId is not { } sessionId)
                return Problems.NotFound($"no call \"{callId}\" was ever started");
            var answer = await gateway.AskAsync<object>(query(sessionId, callId) with { Tenant = tenant }, ct);
            return found(answer) ?? Problems.NotFound($"no call \"{callId}\" was ever started");
        }
        catch (Exception ex) when (Problems.FromSessionFailure(context, ex) is { } failure)
        {
            return failure;
        }
    }

    private static async Task<IResult> GetSession(string sessionId, HttpContext context, SessionGateway gateway, CancellationToken ct)
    {
        if (PathIds.SessionIdProblem(sessionId) is { } problem)
            return Problems.BadRequest(problem);
        try
        {
            var snapshot = await gateway.AskAsync<SessionSnapshot>(new SessionQueries.GetSnapshot(sessionId) { Tenant = context.Tenant() }, ct);
            return snapshot.EventsSeen == 0 ? Problems.NotFound($"session \"{sessionId}\" has no accepted events") : Results.Ok(snapshot);
        }
        catch (Exception ex) when (Problems.FromSessionFailure(context, ex) is { } failure)
        {
            return failure;
        }
    }
}
