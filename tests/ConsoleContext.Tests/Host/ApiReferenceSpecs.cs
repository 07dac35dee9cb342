using System.Net;
using System.Text.Json.Nodes;
using ConsoleContext.Host.Api;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>The OpenAPI document tells a client everything it needs to make a request that works.</summary>
public sealed class ApiReferenceSpecs
{
    [Fact]
    public async Task The_document_declares_the_bearer_scheme_the_error_answers_the_event_enum_the_required_fields_and_the_batch_form()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var scheme = document["components"]!["securitySchemes"]![ApiReference.BearerScheme]!;
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
        var operations = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Select(o => (Route: $"{o.Key} {p.Key}", Operation: o.Value!))).ToList();
        Assert.NotEmpty(operations);
        foreach (var (route, operation) in operations)
        {
            Assert.True(operation["security"]!.AsArray().Any(r => r![ApiReference.BearerScheme] is not null), route);
            foreach (var status in new[] { "401", "403", "429", "503" })
                Assert.True(operation["responses"]![status] is not null, $"{route} does not declare {status}");
        }

        var post = document["paths"]!["/v1/events"]!["post"]!;
        foreach (var status in new[] { "200", "400", "413", "415" })
            Assert.NotNull(post["responses"]![status]);
        var body = post["requestBody"]!["content"]!["application/json"]!;
        var forms = body["schema"]!["oneOf"]!.AsArray();
        Assert.Contains(forms, f => (string?)f!["type"] == "array" && (int?)f["maxItems"] == 1000);
        var eventSchema = document["components"]!["schemas"]!["EventBody"]!;
        Assert.Equal(["eventId", "sessionId", "type"], eventSchema["required"]!.AsArray().Select(r => (string)r!).Order());
        Assert.Contains("callStarted", eventSchema["properties"]!["type"]!["enum"]!.AsArray().Select(e => (string)e!));
        Assert.Equal(16, eventSchema["properties"]!["type"]!["enum"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_documented_examples_sent_with_a_pasted_key_get_the_documented_answers()
    {
        await using var host = await RunningHost.StartAsync();
        using var anonymous = host.Client();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var post = document["paths"]!["/v1/events"]!["post"]!;
        using var ingest = host.Client(RunningHost.IngestKey);

        foreach (var example in new[] { "one event", "batch" })
        {
            var request = post["requestBody"]!["content"]!["application/json"]!["examples"]![example]!["value"]!.ToJsonString();
            var expected = post["responses"]!["200"]!["content"]!["application/json"]!["examples"]![example]!["value"]!.ToJsonString();
            // Each example in its own sessions: the batch repeats the single event, which would otherwise be a duplicate.
            var suffix = example == "batch" ? "-b" : "-o";
            var answer = await ingest.PostEventsAsync(request.Replace("\"agent-7\"", $"\"agent-7{suffix}\""));
            Assert.Equal(HostCalls.Canonical(expected.Replace("\"agent-7\"", $"\"agent-7{suffix}\"")), HostCalls.Canonical(answer));
        }
    }

    [Fact]
    public async Task The_root_redirects_to_the_reference_page()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ApiReference.ReferencePath, response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiReference.ReferencePath)).StatusCode);
    }
}
