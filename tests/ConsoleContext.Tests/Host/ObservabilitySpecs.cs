using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConsoleContext.Tests.Durability;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>The tracker's meter is process-wide: these specs run alone, so counter deltas are exactly this spec's own.</summary>
[CollectionDefinition(nameof(ObservabilitySpecs), DisableParallelization = true)]
public sealed class ObservabilityCollection;

/// <summary>/metrics (Prometheus, no key) and the request log, as an operator sees them.</summary>
[Collection(nameof(ObservabilitySpecs))]
public sealed partial class ObservabilitySpecs
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");

    [Fact]
    public async Task Metrics_count_the_decisions_of_a_posted_tape_by_outcome_and_reason_with_durations_and_gauges()
    {
        var tape = File.ReadLines(Path.Combine(Samples, "walkthrough.jsonl")).Where(l => l.Length > 0).ToList();
        var expected = File.ReadLines(Path.Combine(Samples, "walkthrough.decisions.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonNode.Parse(l)!)
            .GroupBy(d => ((string)d["outcome"]!, (string?)d["reason"] ?? "none"))
            .ToDictionary(g => g.Key, g => (double)g.Count());
        await using var host = await RunningHost.StartAsync();
        using var anonymous = host.Client();
        using var ingest = host.Client(RunningHost.IngestKey);
        using var query = host.Client(RunningHost.QueryKey);

        var before = Parse(await anonymous.GetStringAsync("/metrics"));
        using var stream = await query.GetStreamAsync("/v1/sessions/agent-7/decisions");
        using var reader = new StreamReader(stream);
        Assert.Equal(": subscribed", await reader.ReadLineAsync());
        await ingest.PostEventsAsync("[" + string.Join(",", tape) + "]");
        var response = await anonymous.GetAsync("/metrics");
        var after = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType);
        var counted = after.Where(s => s.Name == "consolecontext_decisions_total")
            .Select(s => (Key: (s.Labels["outcome"], s.Labels["reason"]), Delta: s.Value - Value(before, s.Name, s.Labels), s.Labels))
            .Where(s => s.Delta != 0)
            .ToList();
        Assert.All(counted, s => Assert.Equal("default", s.Labels["tenant"]));
        Assert.Equal(expected.OrderBy(p => p.Key), counted.ToDictionary(s => s.Key, s => s.Delta).OrderBy(p => p.Key));
        Assert.Equal(1, Delta(before, after, "consolecontext_decision_duration_seconds_count"));
        Assert.Equal(1, Delta(before, after, "consolecontext_journal_write_duration_seconds_count"));
        Assert.Equal(1, Sum(after, "consolecontext_streams_open") - Sum(before, "consolecontext_streams_open"));
        Assert.True(Sum(after, "consolecontext_sessions_active") >= 1);
        Assert.Contains(after, s => s.Name == "consolecontext_sessions_active" && s.Labels["tenant"] == "default");
        Assert.Contains(after, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_response_status_code") == "200"
                                    && s.Labels.GetValueOrDefault("http_route") == "/v1/events");
        Assert.Contains(after, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incoming_traceparent_is_continued_through_the_actors_to_the_journal_write()
    {
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        var spans = new System.Collections.Concurrent.ConcurrentQueue<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == ConsoleContext.Telemetry.TrackerTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = HostCalls.Json("""[{"eventId":"t1","sessionId":"trace-1","type":"tabCreated","tabId":"ctab0"}]"""),
            Headers = { { "traceparent", $"00-{traceId}-b7ad6b7169203331-01" } },
        };

        Assert.Equal(HttpStatusCode.OK, (await ingest.SendAsync(request)).StatusCode);

        var ours = spans.Where(a => a.TraceId.ToHexString() == traceId).ToList();
        var decide = Assert.Single(ours, a => a.OperationName == "decide");
        var write = Assert.Single(ours, a => a.OperationName == "journal.write");
        Assert.Equal(decide.SpanId, write.ParentSpanId);
        Assert.Equal(1, write.GetTagItem("consolecontext.events"));
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        await using var host = await RunningHost.StartAsync(settings: "Metrics:Enabled=false");
        using var anonymous = host.Client();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Each_request_gets_one_log_line_with_method_path_status_duration_key_name_and_trace_id_but_never_the_key()
    {
        var data = RunningHost.NewDataDirectory();
        const string ingestKey = "log-ingest-key-secret";
        try
        {
            using var host = await HostProcess.StartAsync(data, ingestKey, "log-query-key");
            using var ingest = host.Client(ingestKey);
            const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
            {
                Content = HostCalls.Json("""{"eventId":"l1","sessionId":"log-1","type":"tabCreated","tabId":"ctab0"}"""),
                Headers = { { "traceparent", $"00-{traceId}-00f067aa0ba902b7-01" } },
            };
            Assert.Equal(HttpStatusCode.OK, (await ingest.SendAsync(request)).StatusCode);
            using var nobody = host.Client("wrong-key");
            Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/v1/sessions/log-1")).StatusCode);

            // The log line is written when the response completes, a moment after the client has it: poll with a deadline.
            await Eventually.HoldsAsync(() => RequestLines(host.Output).Count >= 2, TimeSpan.FromSeconds(10));
            var lines = RequestLines(host.Output);

            var post = Assert.Single(lines, l => l.Contains("POST /v1/events", StringComparison.Ordinal));
            Assert.Matches(RequestLine(), post);
            Assert.Contains("responded 200", post);
            Assert.Contains("key key-", post);
            Assert.Contains("tenant default", post);
            Assert.Contains($"trace {traceId}", post);
            var denied = Assert.Single(lines, l => l.Contains("GET /v1/sessions/log-1", StringComparison.Ordinal));
            Assert.Contains("responded 401", denied);
            Assert.Contains("WRN", denied);
            Assert.DoesNotContain(host.Output, l => l.Contains(ingestKey, StringComparison.Ordinal) || l.Contains("wrong-key", StringComparison.Ordinal));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    private static List<string> RequestLines(IEnumerable<string> output) =>
        [.. output.Where(l => l.Contains("HTTP ", StringComparison.Ordinal) && l.Contains(" responded ", StringComparison.Ordinal))];

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    private static List<Sample> Parse(string exposition) =>
        [.. exposition.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleLine().Match(l)).Where(m => m.Success).Select(m =>
            new Sample(m.Groups["name"].Value,
                LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(p => p.Groups[1].Value, p => p.Groups[2].Value),
                double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture)))];

    private static double Value(List<Sample> samples, string name, Dictionary<string, string> labels) =>
        samples.FirstOrDefault(s => s.Name == name && s.Labels.Count == labels.Count && !s.Labels.Except(labels).Any())?.Value ?? 0;

    private static double Sum(List<Sample> samples, string name) => samples.Where(s => s.Name == name).Sum(s => s.Value);

    private static double Delta(List<Sample> before, List<Sample> after, string name) => Sum(after, name) - Sum(before, name);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"HTTP POST /v1/events responded 200 in \d+(\.\d+)? ms")]
    private static partial Regex RequestLine();
}
