using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>Every error answer is problem+json with a type and a detail; a POST must declare a JSON body.</summary>
public sealed class ProblemResponseSpecs
{
    private const string Event = """{"eventId":"p1","sessionId":"problem-1","type":"tabCreated","tabId":"ctab0"}""";

    private static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string detailContains)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("https://", (string?)problem["type"]);
        Assert.Contains(detailContains, (string?)problem["detail"] ?? "");
        Assert.Equal((int)status, (int?)problem["status"]);
        return problem;
    }

    private static HttpContent Body(string json, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Theory]
    [InlineData(null, "has no Content-Type")]
    [InlineData("text/plain", "\"text/plain\"")]
    [InlineData("application/x-www-form-urlencoded", "application/json")]
    public async Task A_post_without_a_JSON_content_type_is_415_with_detail(string? contentType, string detail)
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);

        await AssertProblem(await ingest.PostAsync("/v1/events", Body(Event, contentType)), HttpStatusCode.UnsupportedMediaType, detail);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.console-event+json")]
    public async Task Json_and_json_suffixed_content_types_are_accepted(string contentType)
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);

        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/v1/events", Body(Event, contentType))).StatusCode);
    }

    [Fact]
    public async Task Every_error_status_answers_with_type_and_detail()
    {
        await using var host = await RunningHost.StartAsync(settings: ["Limits:Burst=20", "Limits:PermitsPerSecond=1", "Limits:MaxBatchSize=2"]);
        using var ingest = host.Client(RunningHost.IngestKey);
        using var query = host.Client(RunningHost.QueryKey);
        using var anonymous = host.Client();

        await AssertProblem(await ingest.PostAsync("/v1/events", HostCalls.Json("{nope")), HttpStatusCode.BadRequest, "not valid JSON");
        await AssertProblem(await anonymous.GetAsync("/v1/sessions/problem-1"), HttpStatusCode.Unauthorized, "API key");
        await AssertProblem(await query.PostAsync("/v1/events", HostCalls.Json(Event)), HttpStatusCode.Forbidden, "role");
        await AssertProblem(await query.GetAsync("/v1/sessions/never-seen"), HttpStatusCode.NotFound, "never-seen");
        await AssertProblem(await query.GetAsync("/v1/no-such-route"), HttpStatusCode.NotFound, "GET /v1/no-such-route");
        await AssertProblem(await ingest.PostAsync("/v1/events", HostCalls.Json($"[{Event},{Event},{Event}]")), HttpStatusCode.RequestEntityTooLarge, "at most 2");

        HttpResponseMessage response;
        var sent = 0;
        do
            response = await query.GetAsync("/v1/sessions/never-seen");
        while (response.StatusCode != HttpStatusCode.TooManyRequests && ++sent < 100);
        await AssertProblem(response, HttpStatusCode.TooManyRequests, "requests per second");
    }
}
