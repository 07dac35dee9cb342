using BenchmarkDotNet.Attributes;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// Memory per open tab, all in, as the service holds it on the durable journal: every iteration brings 1,000 new agents
/// to <see cref="EventsPerAgent"/> events each (parsed from their JSON lines inside the run, so every object the tracker
/// keeps is counted), then takes the managed heap after a full collection with the sessions alive, minus the heap
/// before. The <c>measured</c> column gives bytes per open tab and per session; the time is per event.
/// </summary>
[InvocationCount(1)]
[MonitoringOnce(1)]
public class MemoryPerTabBenchmarks
{
    public const int Agents = 1_000;
    public const int EventsPerAgent = 30;
    private const int Events = Agents * EventsPerAgent;

    private TrackerHarness _tracker = null!;
    private Workload _workload = null!;
    private string[] _lines = null!;
    private long _heapBefore;
    private int _iteration;
    private readonly List<(double PerTab, double PerSession, int Tabs)> _figures = [];

    [GlobalSetup]
    public void GlobalSetup() => _tracker = TrackerHarness.Sqlite();

    [IterationSetup]
    public void IterationSetup()
    {
        _workload = new Workload(Agents, $"mem{_iteration++}");
        _lines = [.. _workload.Next(Events, out _).Select(ConsoleEventJson.Write)];
        _heapBefore = GC.GetTotalMemory(forceFullCollection: true);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public Task OpenTabs()
    {
        // Each agent's events in order as one batch, as a bridge posts them: one journal row per agent.
        var batches = _lines.Select(line => ConsoleEventParser.Parse(line).Event!)
            .GroupBy(e => e.SessionId)
            .Select(g => (object)new Actors.Sessions.SessionCommands.SubmitBatch(g.Key, [.. g]))
            .ToArray();
        return _tracker.Run(batches, Events);
    }

    [IterationCleanup]
    public void IterationCleanup()
    {
        var grown = GC.GetTotalMemory(forceFullCollection: true) - _heapBefore;
        _figures.Add((grown / (double)_workload.OpenTabs, grown / (double)Agents, _workload.OpenTabs));
        GC.KeepAlive(_lines);
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        var perTab = _figures.Average(f => f.PerTab);
        BenchExtras.Write(nameof(OpenTabs),
            $"{perTab / 1024:0.0} KiB per open tab, {_figures.Average(f => f.PerSession) / 1024:0.0} KiB per session " +
            $"({_figures.Average(f => f.Tabs) / Agents:0.0} tabs open, {EventsPerAgent} events each; 800,000 tabs: {perTab * 800_000 / (1L << 30):0.0} GiB)");
        _tracker.Dispose();
    }
}
