using BenchmarkDotNet.Attributes;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Benchmarks;

/// <summary>The pure core: decide one event and apply its changes, no actors. One operation = one event.</summary>
[InvocationCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class RulesBenchmarks
{
    public const int Events = 100_000;
    private const int Sessions = 1_000;
    private static readonly DateTimeOffset Arrival = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly OwnershipRules _rules = OwnershipRules.Default;
    private Workload _workload = null!;
    private SessionState[] _states = null!;
    private ConsoleEvent[] _events = null!;
    private int[] _sessionOf = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _workload = new Workload(Sessions, "rules");
        _states = [.. Enumerable.Range(0, Sessions).Select(i => new SessionState($"rules-{i}"))];
    }

    [IterationSetup]
    public void IterationSetup() => _events = _workload.Next(Events, out _sessionOf);

    [Benchmark(OperationsPerInvoke = Events)]
    public int DecideAndApply()
    {
        var applied = 0;
        for (var i = 0; i < _events.Length; i++)
        {
            var state = _states[_sessionOf[i]];
            var ruling = _rules.Decide(state, _events[i], Arrival);
            if (ruling.Accepted)
            {
                OwnershipRules.Apply(state, ruling.Changes);
                applied++;
            }
        }
        return applied;
    }
}
