using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The same actors on the SQLite journal (WAL): every answer leaves only after its event is written.
/// Singles sends one Submit per event (the journal still batches writes of concurrent sessions);
/// batched sends each session's events of the invocation as one SubmitBatch. One operation = one decision.
/// </summary>
[InvocationCount(1)]
[WarmupCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class SqliteActorBenchmarks
{
    public const int Events = 20_000;
    private TrackerHarness _tracker = null!;
    private Workload _workload = null!;
    private object[] _singles = null!;
    private object[] _batches = null!;

    // 10,000 sessions would spend over a minute recovering them from SQLite before the first iteration (docs/benchmarks.md);
    // one session is left out so that the short job stays under 5 minutes.
    [Params(1_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _tracker = TrackerHarness.Sqlite();
        _workload = new Workload(Sessions, "sql");
    }

    [IterationSetup]
    public void IterationSetup()
    {
        var events = _workload.Next(Events, out _);
        _singles = TrackerHarness.Singles(events);
        var more = _workload.Next(Events, out _);
        _batches = TrackerHarness.PerSessionBatches(more);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public Task SqliteSingles() => _tracker.Run(_singles, Events);

    [Benchmark(OperationsPerInvoke = Events)]
    public Task SqliteSessionBatches() => _tracker.Run(_batches, Events);

    [GlobalCleanup]
    public void GlobalCleanup() => _tracker.Dispose();
}
