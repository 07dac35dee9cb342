using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using ConsoleContext.Host.Simulation;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// A morning login on the durable journal: 10,000 sessions the tracker has never seen send their first event at once
/// (each session's actors start, look for a journal it does not have, decide and write). Every iteration uses new
/// sessions. One operation = one new session decided; the <c>measured</c> column gives the time until all were.
/// </summary>
[InvocationCount(1)]
[MonitoringOnce(1)]
public class ColdStartBenchmarks
{
    public const int Sessions = 10_000;
    private TrackerHarness _tracker = null!;
    private object[] _firsts = null!;
    private int _iteration;
    private readonly List<TimeSpan> _times = [];

    [GlobalSetup]
    public void GlobalSetup() => _tracker = TrackerHarness.Sqlite();

    [IterationSetup]
    public void IterationSetup()
    {
        var iteration = _iteration++;
        _firsts = TrackerHarness.Singles([.. Enumerable.Range(0, Sessions)
            .Select(i => new AgentScript($"cold{iteration}-{i}", 8, 0.2, 1000 + i).Next())]);
    }

    [Benchmark(OperationsPerInvoke = Sessions)]
    public async Task ColdSessions()
    {
        var started = Stopwatch.GetTimestamp();
        await _tracker.Run(_firsts, Sessions);
        _times.Add(Stopwatch.GetElapsedTime(started));
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        var measured = _times;
        BenchExtras.Write(nameof(ColdSessions),
            $"{Sessions:N0} new sessions all decided in {measured.Average(t => t.TotalSeconds):0.0} s (runs: {string.Join(", ", measured.Select(t => t.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)))} s)");
        _tracker.Dispose();
    }
}
