using Microsoft.AspNetCore.Diagnostics;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Fills in what a problem response would otherwise lack: every one has a <c>type</c> (an RFC link for its status) and a
/// <c>detail</c> (for the framework's own answers, such as an unknown route, a sentence that names what was asked).
/// </summary>
public static class ProblemDefaults
{
    private static readonly Dictionary<int, string> Types = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        [StatusCodes.Status429TooManyRequests] = "https://tools.ietf.org/html/rfc6585#section-4",
    };

    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Type ??= Types.GetValueOrDefault(status) ?? $"https://tools.ietf.org/html/rfc9110#section-15";
        problem.Detail ??= DefaultDetail(context.HttpContext, status, problem.Title);
    }

    private static string DefaultDetail(HttpContext http, int status, string? title)
    {
        var request = $"{http.Request.Method} {http.Request.Path}";
        return status switch
        {
            StatusCodes.Status404NotFound => $"no route matches {request} (docs/api.md lists the routes)",
            StatusCodes.Status405MethodNotAllowed => $"{request} exists but not for this method (docs/api.md lists the routes)",
            _ when http.Features.Get<IExceptionHandlerFeature>() is not null => "an unexpected error; the service log has the details for this trace id",
            _ => $"{title ?? "error"} for {request}",
        };
    }
}
