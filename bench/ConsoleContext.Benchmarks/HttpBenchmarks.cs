using System.Net.Http.Headers;
using System.Text;
using BenchmarkDotNet.Attributes;
using ConsoleContext.Host;
using ConsoleContext.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// POST /v1/events on loopback against the service as production builds it (TrackerApp: auth, rate limiter,
/// SQLite journal, answer after the write). Each client worker owns a set of sessions, so a session's events
/// stay in order. One operation = one event.
/// </summary>
[InvocationCount(1)]
public class HttpBenchmarks
{
    public const int SingleRequests = 3_000;
    public const int BatchEvents = 10_000;
    private const int BatchSize = 100;
    private const int Sessions = 1_000;
    private const int SingleWorkers = 128;
    private const int BatchWorkers = 8;
    private const string IngestKey = "bench-ingest-key";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _dataDirectory = null!;
    private Workload _workload = null!;
    private string[][] _singleBodies = null!;
    private string[][] _batchBodies = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "cc-bench-http-" + Guid.NewGuid().ToString("N"));
        _app = TrackerApp.Create([
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={_dataDirectory}",
            $"--Security:ApiKeys:0:Key={IngestKey}", "--Security:ApiKeys:0:Roles:0=ingest",
            "--Limits:PermitsPerSecond=100000000", "--Limits:Burst=100000000",
            // The first iteration recovers every session from SQLite; the default 5 s would time it out.
            "--Limits:AskTimeout=00:02:00",
        ]);
        _app.StartAsync().GetAwaiter().GetResult();
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        _client = new HttpClient(handler) { BaseAddress = new Uri(_app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", IngestKey);
        _workload = new Workload(Sessions, "http");
    }

    [IterationSetup(Target = nameof(SingleEvents))]
    public void SetupSingles() => _singleBodies = Partition(SingleRequests, SingleWorkers, 1);

    [IterationSetup(Target = nameof(BatchesOf100))]
    public void SetupBatches() => _batchBodies = Partition(BatchEvents, BatchWorkers, BatchSize);

    /// <summary>Worker w gets the events of sessions s with s mod workers = w, in order, cut into bodies of <paramref name="perBody"/>.</summary>
    private string[][] Partition(int events, int workers, int perBody)
    {
        var generated = _workload.Next(events, out var sessionOf);
        var perWorker = Enumerable.Range(0, workers).Select(_ => new List<ConsoleEvent>()).ToArray();
        for (var i = 0; i < generated.Length; i++)
            perWorker[sessionOf[i] % workers].Add(generated[i]);
        return [.. perWorker.Select(list => list.Chunk(perBody)
            .Select(chunk => perBody == 1 ? ConsoleEventJson.Write(chunk[0]) : "[" + string.Join(",", chunk.Select(ConsoleEventJson.Write)) + "]")
            .ToArray())];
    }

    [Benchmark(OperationsPerInvoke = SingleRequests)]
    public Task SingleEvents() => Post(_singleBodies);

    [Benchmark(OperationsPerInvoke = BatchEvents)]
    public Task BatchesOf100() => Post(_batchBodies);

    private Task Post(string[][] bodiesPerWorker) => Task.WhenAll(bodiesPerWorker.Select(async bodies =>
    {
        foreach (var body in bodies)
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _client.PostAsync("/v1/events", content);
            response.EnsureSuccessStatusCode();
        }
    }));

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
