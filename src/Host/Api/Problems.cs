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

    public static Task Write(HttpContext context, int status, string title, string detail) =>
        Of(status, title, detail).ExecuteAsync(context);
}
