using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using ConsoleContext.Host.Simulation;
using ConsoleContext.Protocol;
using HdrHistogram;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// Clients posting the workload's events to <c>POST /v1/events</c> on loopback with a bearer key. Each client
/// worker owns the sessions s with s mod workers = its index, so a session's events stay in order.
/// </summary>
public sealed class HttpLoad : IDisposable
{
    /// <summary>Clients of the single-event rows (tracker and bare Kestrel alike).</summary>
    public const int SingleClients = 64;
    /// <summary>The bearer key every request carries.</summary>
    public const string IngestKey = "bench-ingest-key";

    private readonly HttpClient _client;
    private readonly Workload _workload;

    public HttpLoad(string baseAddress, int sessions, string prefix)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);
        _workload = new Workload(sessions, prefix);
    }

    /// <summary>The next <paramref name="events"/> fresh events, one list of bodies per worker, <paramref name="perBody"/> events a body (1: a JSON object, else an array).</summary>
    public string[][] Bodies(int events, int workers, int perBody)
    {
        var generated = _workload.Next(events, out var sessionOf);
        var perWorker = Enumerable.Range(0, workers).Select(_ => new List<ConsoleEvent>()).ToArray();
        for (var i = 0; i < generated.Length; i++)
            perWorker[sessionOf[i] % workers].Add(generated[i]);
        return [.. perWorker.Select(list => list.Chunk(perBody)
            .Select(chunk => perBody == 1 ? ConsoleEventJson.Write(chunk[0]) : "[" + string.Join(",", chunk.Select(ConsoleEventJson.Write)) + "]")
            .ToArray())];
    }

    /// <summary>Every worker posts its bodies one after another, all workers at once; fails on any non-2xx answer.</summary>
    public Task Post(string[][] bodiesPerWorker) => Task.WhenAll(bodiesPerWorker.Select(async bodies =>
    {
        foreach (var body in bodies)
            await PostOne(body);
    }));

    /// <summary>
    /// Every worker posts its bodies at a fixed pace so that all workers together send <paramref name="requestsPerSecond"/>;
    /// latency is measured from each request's scheduled time (so a late answer also delays what the schedule counts),
    /// in microseconds.
    /// </summary>
    public async Task<LongHistogram> PostPaced(string[][] bodiesPerWorker, double requestsPerSecond)
    {
        var histogram = LatencyRecorder.NewHistogram();
        var interval = Stopwatch.Frequency * bodiesPerWorker.Length / requestsPerSecond;
        var start = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(bodiesPerWorker.Select(async (bodies, w) =>
        {
            var latencies = new long[bodies.Length];
            // Workers start spread over one interval, so the requests arrive evenly rather than in 64-request bursts.
            var offset = interval * w / bodiesPerWorker.Length;
            for (var i = 0; i < bodies.Length; i++)
            {
                var due = start + (long)(offset + interval * i);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                await PostOne(bodies[i]);
                latencies[i] = (long)Stopwatch.GetElapsedTime(due).TotalMicroseconds;
            }
            return latencies;
        }));
        foreach (var latency in perWorker.SelectMany(l => l))
            histogram.RecordValue(Math.Clamp(latency, 1, 60_000_000));
        return histogram;
    }

    private async Task PostOne(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/v1/events", content);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _client.Dispose();
}
