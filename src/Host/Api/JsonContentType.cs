using Microsoft.Net.Http.Headers;

namespace ConsoleContext.Host.Api;

/// <summary>A POST to the API must say its body is JSON (<c>application/json</c> or <c>application/*+json</c>), else 415.</summary>
public static class JsonContentType
{
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Refuses, before authentication or any reading, a POST under <c>/v1</c> whose Content-Type is not JSON.</summary>
    public static WebApplication UseJsonContentTypeForPosts(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments("/v1") && !IsJson(context.Request.ContentType))
            {
                await Problems.Write(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    context.Request.ContentType is { Length: > 0 } given
                        ? $"the body is sent as \"{given}\"; send it as JSON with Content-Type: application/json"
                        : "the request has no Content-Type; send the body as JSON with Content-Type: application/json");
                return;
            }
            await next(context);
        });
        return app;
    }
}
