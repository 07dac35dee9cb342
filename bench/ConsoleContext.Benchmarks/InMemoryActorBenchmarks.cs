using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>Events through the real actors (router, session, ownership, call directory) on the in-memory journal. One operation = one decision.</summary>
[InvocationCount(1)]
[WarmupCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class InMemoryActorBenchmarks
{
    public const int Events = 50_000;
    private TrackerHarness _tracker = null!;
    private Workload _workload = null!;
    private object[] _messages = null!;

    // The target's shape only (10,000 sessions): the short job has to stay under 5 minutes.
    [Params(10_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _tracker = TrackerHarness.InMemory();
        _workload = new Workload(Sessions, "mem");
    }

    [IterationSetup]
    public void IterationSetup() => _messages = TrackerHarness.Singles(_workload.Next(Events, out _));

    [Benchmark(OperationsPerInvoke = Events)]
    public Task TrackerInMemory() => _tracker.Run(_messages, Events);

    [GlobalCleanup]
    public void GlobalCleanup() => _tracker.Dispose();
}
