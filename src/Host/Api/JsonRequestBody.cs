using System.Text.Json;
using ConsoleContext.Host.Options;

namespace ConsoleContext.Host.Api;

/// <summary>Reads a request body as one JSON document, or the problem answer (400 not JSON, 413 too large).</summary>
public static class JsonRequestBody
{
    public static async Task<(JsonDocument? Body, IResult? Problem)> ReadAsync(HttpContext context, LimitsOptions limits, CancellationToken ct)
    {
        try
        {
            return (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct), null);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest($"the body is not valid JSON: {ex.Message}"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"the body is larger than {limits.MaxRequestBodyBytes} bytes"));
        }
    }
}
