using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Host.Commands;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>The service as a softphone backend and a browser bridge use it, started with the production wiring.</summary>
public sealed class HostApiSpecs
{
    private static readonly string SamplesDirectory = Path.Combine(AppContext.BaseDirectory, "samples");

    public static TheoryData<string> SampleTapes()
    {
        var data = new TheoryData<string>();
        foreach (var tape in Directory.GetFiles(SamplesDirectory, "*.jsonl").Where(f => !f.EndsWith(".decisions.jsonl")).Order())
            data.Add(Path.GetFileName(tape));
        return data;
    }

    [Theory]
    [MemberData(nameof(SampleTapes))]
    public async Task Posting_a_sample_tape_event_by_event_and_as_one_batch_gives_the_decisions_replay_gives(string tape)
    {
        var path = Path.Combine(SamplesDirectory, tape);
        var expected = await HostCalls.ReplayFileAsync(path);
        var lines = File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();

        await using (var host = await RunningHost.StartAsync())
        {
            using var client = host.Client(RunningHost.IngestKey);
            var oneByOne = new List<string>();
            foreach (var line in lines)
                oneByOne.Add(HostCalls.Canonical(await HostCalls.PostEventsAsync(client, line)));
            Assert.Equal(expected, oneByOne);
        }

        await using (var host = await RunningHost.StartAsync())
        {
            using var client = host.Client(RunningHost.IngestKey);
            var batch = JsonNode.Parse(await HostCalls.PostEventsAsync(client, "[" + string.Join(",", lines) + "]"))!.AsArray();
            Assert.Equal(expected, batch.Select(d => HostCalls.Canonical(d!.ToJsonString())).ToList());
        }
    }

    [Fact]
    public async Task A_bad_item_in_a_batch_gets_its_own_rejection_and_the_others_are_decided()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client(RunningHost.IngestKey);
        var body = """
            [{"eventId":"b1","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"},
             {"eventId":"b2","sessionId":"agent-1","type":"tabClosed"},
             "not an event",
             {"eventId":"b3","sessionId":"agent-1","type":"tabClosed","tabId":"ctab0"}]
            """;
        var decisions = JsonNode.Parse(await HostCalls.PostEventsAsync(client, body))!.AsArray();

        Assert.Equal(["applied", "rejected", "rejected", "applied"], decisions.Select(d => (string)d!["outcome"]!));
        Assert.Equal("tabId is required for tabClosed", (string)decisions[1]!["error"]!);
    }

    [Fact]
    public async Task The_owner_of_a_call_is_found_by_call_id_alone_with_a_log_suggestion()
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        await HostCalls.PostEventsAsync(ingest, """
            [{"eventId":"o1","sessionId":"agent-9","type":"tabCreated","tabId":"ctab0","recordId":"003X","objectType":"Contact"},
             {"eventId":"o2","sessionId":"agent-9","type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500Y","objectType":"Case"},
             {"eventId":"o3","sessionId":"agent-9","type":"callStarted","callId":"c-77","callType":"inbound","tabId":"ctab0_1"},
             {"eventId":"o4","sessionId":"agent-9","type":"navigationChanged","url":"/r/Account/001Z","recordId":"001Z","objectType":"Account","tabId":"ctab0"}]
            """);

        using var query = host.Client(RunningHost.QueryKey);
        var call = JsonNode.Parse(await query.GetStringAsync("/v1/calls/c-77"))!;

        Assert.Equal("agent-9", (string)call["sessionId"]!);
        Assert.Equal("ctab0_1", (string)call["ownerTabId"]!);
        Assert.Equal("ctab0", (string)call["ownerPrimaryTabId"]!);
        Assert.Equal(["500Y", "001Z"], call["relatedRecords"]!.AsArray().Select(r => (string)r!["recordId"]!));
        Assert.Null((string?)call["logSuggestion"]!["whoId"]);
        Assert.Equal("001Z", (string)call["logSuggestion"]!["whatId"]!);

        var missing = await query.GetAsync("/v1/calls/never-started");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_session_snapshot_shows_the_tab_tree_focus_calls_and_status()
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        await HostCalls.PostEventsAsync(ingest, """
            [{"eventId":"s1","sessionId":"agent-3","type":"tabCreated","tabId":"p1","recordId":"001A"},
             {"eventId":"s2","sessionId":"agent-3","type":"tabCreated","tabId":"p1_1","parentTabId":"p1","recordId":"500B"},
             {"eventId":"s3","sessionId":"agent-3","type":"tabFocused","currentTabId":"p1_1"},
             {"eventId":"s4","sessionId":"agent-3","type":"agentStatusChanged","status":"Available"},
             {"eventId":"s5","sessionId":"agent-3","type":"callStarted","callId":"c1","callType":"outbound","recordId":"500B"}]
            """);

        using var query = host.Client(RunningHost.QueryKey);
        var snapshot = JsonNode.Parse(await query.GetStringAsync("/v1/sessions/agent-3"))!;

        var console = snapshot["consoles"]!.AsArray().Single()!;
        Assert.Null(console["consoleId"]);
        Assert.Equal("p1_1", (string)console["focusedTabId"]!);
        Assert.Equal("Available", (string)snapshot["agentStatus"]!);
        var primary = console["tabs"]!.AsArray().Single()!;
        Assert.Equal("p1", (string)primary["tabId"]!);
        Assert.Equal("500B", (string)primary["subtabs"]![0]!["record"]!["recordId"]!);
        Assert.Equal("p1_1", (string)snapshot["calls"]![0]!["ownerTabId"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await query.GetAsync("/v1/sessions/nobody-here")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await query.GetAsync("/v1/sessions/bad%20id")).StatusCode);
    }

    [Fact]
    public async Task The_decision_stream_delivers_live_decisions_of_its_session_only()
    {
        await using var host = await RunningHost.StartAsync();
        using var query = host.Client(RunningHost.QueryKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sessions/agent-5/decisions");
        using var response = await query.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": subscribed", await reader.ReadLineAsync());

        using var ingest = host.Client(RunningHost.IngestKey);
        await HostCalls.PostEventsAsync(ingest, """
            [{"eventId":"x1","sessionId":"agent-other","type":"tabCreated","tabId":"ctab0"},
             {"eventId":"x2","sessionId":"agent-5","type":"tabCreated","tabId":"ctab0"},
             {"eventId":"x3","sessionId":"agent-5","type":"tabFocused","currentTabId":"ctab0"}]
            """);

        var received = new List<JsonNode>();
        while (received.Count < 2)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (line!.StartsWith("data: ", StringComparison.Ordinal))
                received.Add(JsonNode.Parse(line["data: ".Length..])!);
            else
                Assert.True(line == "event: decision" || line.StartsWith("id: agent-5/", StringComparison.Ordinal) || line.Length == 0,
                    $"unexpected SSE line: {line}");
        }
        Assert.Equal(["x2", "x3"], received.Select(d => (string)d["eventId"]!));
    }

    [Fact]
    public async Task Keys_and_roles_are_enforced_with_problem_details()
    {
        await using var host = await RunningHost.StartAsync();
        const string tabCreated = """{"eventId":"k1","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"}""";

        using var anonymous = host.Client();
        await AssertProblem(await anonymous.PostAsync("/v1/events", HostCalls.Json(tabCreated)), HttpStatusCode.Unauthorized);
        using var unknown = host.Client("not-a-key");
        await AssertProblem(await unknown.GetAsync("/v1/sessions/agent-1"), HttpStatusCode.Unauthorized);
        using var query = host.Client(RunningHost.QueryKey);
        await AssertProblem(await query.PostAsync("/v1/events", HostCalls.Json(tabCreated)), HttpStatusCode.Forbidden);
        using var ingest = host.Client(RunningHost.IngestKey);
        await AssertProblem(await ingest.GetAsync("/v1/sessions/agent-1"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/v1/events", HostCalls.Json(tabCreated))).StatusCode);

        var body = await (await unknown.GetAsync("/v1/sessions/agent-1")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("not-a-key", body);
    }

    [Fact]
    public async Task Bad_bodies_get_the_right_4xx_and_the_service_keeps_serving()
    {
        await using var host = await RunningHost.StartAsync(settings: ["Limits:MaxRequestBodyBytes=4096", "Limits:MaxBatchSize=3"]);
        using var ingest = host.Client(RunningHost.IngestKey);

        var notJson = await AssertProblem(await ingest.PostAsync("/v1/events", HostCalls.Json("{\"eventId\":")), HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", notJson);
        await AssertProblem(await ingest.PostAsync("/v1/events", new StringContent("{}", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        var oversized = "[" + string.Join(",", Enumerable.Range(0, 100).Select(i =>
            $$"""{"eventId":"big{{i}}","sessionId":"agent-1","type":"tabCreated","tabId":"ctab{{i}}"}""")) + "]";
        await AssertProblem(await ingest.PostAsync("/v1/events", HostCalls.Json(oversized)), HttpStatusCode.RequestEntityTooLarge);
        var batch = "[" + string.Join(",", Enumerable.Range(0, 4).Select(i =>
            $$"""{"eventId":"n{{i}}","sessionId":"agent-1","type":"tabCreated","tabId":"ctab{{i}}"}""")) + "]";
        var tooMany = await AssertProblem(await ingest.PostAsync("/v1/events", HostCalls.Json(batch)), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("at most 3", tooMany);
        await AssertProblem(await ingest.GetAsync("/v1/no-such-route"), HttpStatusCode.NotFound);

        var after = JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, """{"eventId":"ok1","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"}"""))!;
        Assert.Equal("applied", (string)after["outcome"]!);
    }

    [Fact]
    public async Task Each_key_is_rate_limited_with_retry_after()
    {
        await using var host = await RunningHost.StartAsync(settings: ["Limits:PermitsPerSecond=1", "Limits:Burst=2"]);
        using var query = host.Client(RunningHost.QueryKey);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
            responses.Add(await query.GetAsync("/v1/sessions/agent-1"));

        var limited = responses.FirstOrDefault(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Cors_preflight_is_answered_only_for_configured_origins()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();

        var allowed = await client.SendAsync(Preflight(RunningHost.AllowedOrigin));
        Assert.Equal(RunningHost.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var refused = await client.SendAsync(Preflight("https://evil.example.com"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task With_no_key_configured_the_first_start_generates_one_key_per_role_in_an_owner_only_file()
    {
        var data = RunningHost.NewDataDirectory();
        string ingestKey, queryKey;
        await using (var host = await RunningHost.StartAsync(withKeys: false, dataDirectory: data))
        {
            var file = Path.Combine(data, "api-keys.json");
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows())
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var keys = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            ingestKey = (string)keys["ingestKey"]!;
            queryKey = (string)keys["queryKey"]!;
            Assert.NotEqual(ingestKey, queryKey);

            using var ingest = host.Client(ingestKey);
            Assert.Equal(HttpStatusCode.OK, (await ingest.PostAsync("/v1/events",
                HostCalls.Json("""{"eventId":"g1","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"}"""))).StatusCode);
            using var query = host.Client(queryKey);
            Assert.Equal(HttpStatusCode.OK, (await query.GetAsync("/v1/sessions/agent-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await query.PostAsync("/v1/events",
                HostCalls.Json("""{"eventId":"g2","sessionId":"agent-1","type":"tabCreated","tabId":"ctab1"}"""))).StatusCode);
        }

        try
        {
            await using var restarted = await RunningHost.StartAsync(withKeys: false, dataDirectory: data);
            using var ingestAgain = restarted.Client(ingestKey);
            Assert.Equal(HttpStatusCode.OK, (await ingestAgain.PostAsync("/v1/events",
                HostCalls.Json("""{"eventId":"g3","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"}"""))).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Health_and_the_api_reference_need_no_key()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var openApi = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        Assert.NotNull(openApi["paths"]!["/v1/events"]);
        Assert.NotNull(openApi["paths"]!["/v1/calls/{callId}"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
    }

    private static async Task<string> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/v1/events");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }
}
