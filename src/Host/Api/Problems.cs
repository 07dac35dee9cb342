using ConsoleContext.Actors.Calls;
using ConsoleContext.Persistence;

namespace ConsoleContext.Host.Api;

/// <summary>Every error answer is application/problem+json with a detail that names the problem.</summary>
public static class Problems
{
    public static IResult Of(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    public static IResult BadRequest(string detail) => Of(StatusCodes.Status400BadRequest, "Bad request", detail);

    public static IResult NotFound(string detail) => Of(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult TooLarge(string detail) => Of(StatusCodes.Status413PayloadTooLarge, "Payload too large", detail);

    public static IResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "1";
        return Of(StatusCodes.Status503ServiceUnavailable, "Service unavailable", detail);
    }

    /// <summary>What a failed ask to a session means to an HTTP caller; null for failures that are bugs (500 via the exception handler).</summary>
    public static IResult? FromSessionFailure(HttpContext context, Exception ex) => ex switch
    {
        Akka.Actor.AskTimeoutException or TaskCanceledException when !context.RequestAborted.IsCancellationRequested =>
            Unavailable(context, "the session did not answer in time; retry with the same eventId (duplicates are detected)"),
        JournalWriteException => Unavailable(context, "the event could not be recorded durably and was not accepted; retry with the same eventId"),
        CallDirectoryRestartingException => Unavailable(context,
            "the call's entry in the call directory is starting again after a journal failure; retry after Retry-After (an event its session already recorded answers duplicate)"),
        SessionUnavailableException unavailable => Of(StatusCodes.Status500InternalServerError, "Session unavailable", unavailable.Message),
        _ => null,
    };

    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Of(status, title, detail).ExecuteAsync(context);
}
