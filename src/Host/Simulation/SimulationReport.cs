namespace ConsoleContext.Host.Simulation;

/// <summary>What one simulation run measured. Latencies are in microseconds.</summary>
/// <param name="EventsPerAgent">Events sent per agent over the whole run, warm-up included: the history the memory figures are after.</param>
public sealed record SimulationReport(
    SimulationOptions Options,
    string Machine,
    double Seconds,
    long Sent,
    long Decisions,
    double DecisionsPerSecond,
    LatencySummary Latency,
    long ManagedBytes,
    double BytesPerSession,
    double BytesPerTab,
    int OpenTabs,
    long Violations,
    long Unanswered,
    IReadOnlyList<string> ViolationSamples,
    IReadOnlyDictionary<string, long> Outcomes,
    IReadOnlyList<SecondSample> PerSecond,
    GcSummary Gc,
    double EventsPerAgent = 0)
{
    public bool Passed => Violations == 0 && Unanswered == 0;
}

/// <summary>Garbage collections during the measured part of the run, and the time the runtime was paused for them.</summary>
public sealed record GcSummary(int Gen0, int Gen1, int Gen2, double PauseMilliseconds, double PausedShare);

public sealed record LatencySummary(long P50, long P90, long P99, long P999, long Max);

public sealed record SecondSample(int Second, long Decisions, long P50, long P99, long Max);
