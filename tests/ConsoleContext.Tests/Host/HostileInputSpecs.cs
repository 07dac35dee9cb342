using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>
/// Over HTTP no event body and no route id can produce a 5xx or hurt anyone else: hostile input gets a rejected
/// decision naming the field (or a 4xx for a body that is not JSON at all), and afterwards other sessions and an open
/// decision stream keep working.
/// </summary>
public sealed class HostileInputSpecs
{
    private const long MaxRequestBodyBytes = 1024 * 1024;
    private const string Valid = """{"eventId":"v1","sessionId":"agent-h","type":"tabCreated","tabId":"ctab0","url":"/x"}""";

    /// <summary>Hostile bodies, each with the field its rejection must name (null: any 200 or 4xx is fine).</summary>
    public static IEnumerable<(string Name, byte[] Body, string? Field)> HostileBodies()
    {
        yield return ("invalid UTF-8 in tabId", Spliced("""{"eventId":"u1","sessionId":"agent-h","type":"tabClosed","tabId":"c@"}""", [0xC3, 0x28]), "tabId");
        yield return ("invalid UTF-8 in eventId", Spliced("""{"eventId":"@","sessionId":"agent-h","type":"sessionEnded"}""", [0xFF]), "eventId");
        yield return ("invalid UTF-8 in sessionId", Spliced("""{"eventId":"u2","sessionId":"a@","type":"sessionEnded"}""", [0xED, 0xA0, 0x80]), "sessionId");
        yield return ("invalid UTF-8 in type", Spliced("""{"eventId":"u3","sessionId":"agent-h","type":"@"}""", [0xF8, 0x88, 0x80, 0x80, 0x80]), "type");
        yield return ("invalid UTF-8 in url", Spliced("""{"eventId":"u4","sessionId":"agent-h","type":"navigationChanged","url":"/@"}""", [0x80]), "url");
        yield return ("invalid UTF-8 in a batch item", Spliced("""[{"eventId":"u5","sessionId":"agent-h","type":"agentStatusChanged","status":"@"}]""", [0xC0, 0xAF]), "status");
        yield return ("invalid UTF-8 in an unknown field's name", Spliced("""{"eventId":"u6","sessionId":"agent-h","type":"sessionEnded","@":1}""", [0xFE]), null);
        yield return ("invalid UTF-8 outside a string", Spliced("""{"eventId":"u7","sessionId":"agent-h","type":"sessionEnded","x":@}""", [0xFF]), null);
        yield return ("sessionEnded in 9999", Utf8("""{"eventId":"t1","sessionId":"agent-h","type":"sessionEnded","at":"9999-12-31T23:59:59Z"}"""), "at");
        yield return ("sessionEnded in year 1", Utf8("""{"eventId":"t2","sessionId":"agent-h","type":"sessionEnded","at":"0001-01-01T00:00:00Z"}"""), "at");
        yield return ("at as a huge number", Utf8("""{"eventId":"t3","sessionId":"agent-h","type":"sessionEnded","at":1e400}"""), "at");
        yield return ("seq as a huge number", Utf8("""{"eventId":"t4","sessionId":"agent-h","type":"sessionEnded","seq":1e400}"""), "seq");
        yield return ("seq beyond 2^63", Utf8("""{"eventId":"t5","sessionId":"agent-h","type":"sessionEnded","seq":9223372036854775808}"""), "seq");
        yield return ("number as a huge float", Utf8("""{"eventId":"t6","sessionId":"agent-h","type":"clickToDial","number":1e400}"""), "number");
        yield return ("sessionId ending in a newline", Utf8("""{"eventId":"n1","sessionId":"agent-h\n","type":"sessionEnded"}"""), "sessionId");
        yield return ("sessionId starting with $", Utf8("""{"eventId":"n2","sessionId":"$system","type":"sessionEnded"}"""), "sessionId");
        yield return ("consoleId with a newline", Utf8("""{"eventId":"n3","sessionId":"agent-h","consoleId":"w\n","type":"sessionEnded"}"""), "consoleId");
        yield return ("control characters in eventId", Utf8("""{"eventId":"e\u0000\u001b","sessionId":"agent-h","type":"sessionEnded"}"""), "eventId");
        yield return ("lone surrogate in eventId", Utf8("""{"eventId":"e\ud800","sessionId":"agent-h","type":"sessionEnded"}"""), "eventId");
        yield return ("lone surrogate in type", Utf8("""{"eventId":"s1","sessionId":"agent-h","type":"x\udfff"}"""), "type");
        yield return ("case variant", Utf8("""{"eventId":"c1","sessionId":"agent-h","type":"tabCreated","tabId":"ctab9","recordID":"001A"}"""), "recordID");
        yield return ("case variant of a common field", Utf8("""{"eventId":"c2","sessionId":"agent-h","type":"noSuchType","SessionId":"x"}"""), "SessionId");
        yield return ("huge text field", Utf8($$"""{"eventId":"h1","sessionId":"agent-h","type":"navigationChanged","url":"{{new string('u', 600_000)}}"}"""), "url");
        yield return ("huge identifier", Utf8($$"""{"eventId":"h2","sessionId":"agent-h","type":"tabClosed","tabId":"{{new string('t', 300_000)}}"}"""), "tabId");
        yield return ("huge eventId", Utf8($$"""{"eventId":"{{new string('e', 300_000)}}","sessionId":"agent-h","type":"sessionEnded"}"""), "eventId");
        yield return ("huge unknown field", Utf8($$"""{"eventId":"h3","sessionId":"agent-h","type":"sessionEnded","junk":"{{new string('j', 900_000)}}"}"""), null);
        yield return ("deep nesting", Utf8(new string('[', 100_000) + new string(']', 100_000)), null);
        yield return ("deep nesting in a field", Utf8($$"""{"eventId":"d1","sessionId":"agent-h","type":"sessionEnded","x":{{new string('[', 500) + new string(']', 500)}}}"""), null);
        yield return ("too large", Utf8($$"""{"eventId":"h4","sessionId":"agent-h","type":"sessionEnded","junk":"{{new string('j', 2_000_000)}}"}"""), null);
        yield return ("not JSON", Utf8("{\"eventId\":"), null);
        yield return ("empty", [], null);
        yield return ("a number", Utf8("-0.0e-999999"), null);
    }

    [Fact]
    public async Task Hostile_input_never_gives_a_5xx_and_other_sessions_and_an_open_decision_stream_keep_working()
    {
        await using var host = await RunningHost.StartAsync(settings: [$"Limits:MaxRequestBodyBytes={MaxRequestBodyBytes}"]);
        using var ingest = host.Client(RunningHost.IngestKey);
        using var query = host.Client(RunningHost.QueryKey);
        using var stream = await OpenDecisionStreamAsync(query, "agent-watch");
        await HostCalls.PostEventsAsync(ingest, """{"eventId":"w0","sessionId":"agent-watch","type":"tabCreated","tabId":"ctab0"}""");
        Assert.Equal("w0", await NextDecisionIdAsync(stream));

        // Route ids, by the same rules as event fields.
        foreach (var path in new[]
                 {
                     "/v1/sessions/x%0A", "/v1/sessions/x%0A/decisions", "/v1/sessions/x%0A/tape", "/v1/sessions/%24system",
                     "/v1/calls/c%0A", "/v1/calls/" + new string('c', 257), "/v1/calls/%C3%A9",
                 })
        {
            using var response = await query.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
        }

        foreach (var (name, body, field) in HostileBodies())
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            HttpResponseMessage response;
            try
            {
                response = await ingest.PostAsync("/v1/events", content);
            }
            catch (HttpRequestException) when (body.Length > MaxRequestBodyBytes)
            {
                // The server answered 413 and closed the connection before the client finished sending: no 5xx either.
                continue;
            }
            using var answered = response;
            var status = (int)response.StatusCode;
            Assert.True(status is 200 or 400 or 413 or 415, $"{name}: HTTP {status}");
            if (field is null)
                continue;
            Assert.True(status == 200, $"{name}: HTTP {status}, expected a rejected decision");
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var decision = answer is JsonArray array ? array.Single()! : answer;
            Assert.Equal("rejected", (string)decision["outcome"]!);
            Assert.True(((string)decision["error"]!).Contains(field, StringComparison.Ordinal), $"{name}: {decision["error"]}");
        }

        // Random damage to a valid body: whatever comes of it, never a 5xx.
        var random = new Random(8);
        var valid = Utf8(Valid);
        for (var i = 0; i < 150; i++)
        {
            var damaged = (byte[])valid.Clone();
            for (var k = random.Next(1, 4); k > 0; k--)
                damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            using var content = new ByteArrayContent(damaged);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await ingest.PostAsync("/v1/events", content);
            Assert.True((int)response.StatusCode is 200 or 400, $"{Convert.ToHexString(damaged)}: HTTP {(int)response.StatusCode}");
        }

        // Everyone else is still served: the open stream, another session, queries.
        await HostCalls.PostEventsAsync(ingest, """{"eventId":"w1","sessionId":"agent-watch","type":"tabFocused","currentTabId":"ctab0"}""");
        Assert.Equal("w1", await NextDecisionIdAsync(stream));
        var other = JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, """{"eventId":"o1","sessionId":"agent-other","type":"tabCreated","tabId":"ctab0"}"""))!;
        Assert.Equal("applied", (string)other["outcome"]!);
        Assert.Equal(HttpStatusCode.OK, (await query.GetAsync("/v1/sessions/agent-other")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await query.GetAsync("/v1/sessions/agent-watch")).StatusCode);
    }

    [Theory]
    [InlineData("c/1")]
    [InlineData("c 1?x=y#z%41")]
    [InlineData("~!@$^&*()[]{}|\\;'\"<>,.")]
    public async Task Any_call_id_that_can_be_posted_can_be_looked_up(string callId)
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        var started = new JsonObject
        {
            ["eventId"] = "c1", ["sessionId"] = "agent-c", ["type"] = "callStarted", ["callId"] = callId, ["callType"] = "inbound",
        };
        var decision = JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, started.ToJsonString()))!;
        Assert.Equal("applied", (string)decision["outcome"]!);

        using var query = host.Client(RunningHost.QueryKey);
        using var response = await query.GetAsync("/v1/calls/" + Uri.EscapeDataString(callId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((callId, "agent-c"), ((string)call["callId"]!, (string)call["sessionId"]!));
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The UTF-8 of <paramref name="template"/> with its <c>@</c> replaced by raw <paramref name="bytes"/>.</summary>
    private static byte[] Spliced(string template, byte[] bytes)
    {
        var at = template.IndexOf('@');
        return [.. Utf8(template[..at]), .. bytes, .. Utf8(template[(at + 1)..])];
    }

    private static async Task<StreamReader> OpenDecisionStreamAsync(HttpClient query, string sessionId)
    {
        var response = await query.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/sessions/{sessionId}/decisions"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": subscribed", await reader.ReadLineAsync());
        return reader;
    }

    private static async Task<string> NextDecisionIdAsync(StreamReader stream)
    {
        while (true)
        {
            var line = await stream.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (line!.StartsWith("data: ", StringComparison.Ordinal))
                return (string)JsonNode.Parse(line["data: ".Length..])!["eventId"]!;
        }
    }
}
