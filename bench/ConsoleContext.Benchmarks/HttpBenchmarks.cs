using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// POST /v1/events on loopback against the service as production builds it (<see cref="TrackerServer"/>): 64 clients
/// sending one event per request, or 8 clients sending arrays of 100; 1,000 sessions. One operation = one event.
/// </summary>
[InvocationCount(1)]
[WarmupCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class HttpBenchmarks
{
    public const int SingleRequests = 3_000;
    public const int BatchEvents = 10_000;
    private const int BatchSize = 100;
    private const int Sessions = 1_000;
    private const int BatchClients = 8;

    private TrackerServer _server = null!;
    private HttpLoad _load = null!;
    private string[][] _singleBodies = null!;
    private string[][] _batchBodies = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = new TrackerServer();
        _load = new HttpLoad(_server.Address, Sessions, "http");
    }

    [IterationSetup(Target = nameof(SingleEvents))]
    public void SetupSingles() => _singleBodies = _load.Bodies(SingleRequests, HttpLoad.SingleClients, 1);

    [IterationSetup(Target = nameof(BatchesOf100))]
    public void SetupBatches() => _batchBodies = _load.Bodies(BatchEvents, BatchClients, BatchSize);

    [Benchmark(OperationsPerInvoke = SingleRequests)]
    public Task SingleEvents() => _load.Post(_singleBodies);

    [Benchmark(OperationsPerInvoke = BatchEvents)]
    public Task BatchesOf100() => _load.Post(_batchBodies);

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _load.Dispose();
        _server.Dispose();
    }
}
