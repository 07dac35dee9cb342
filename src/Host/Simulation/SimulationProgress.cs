namespace ConsoleContext.Host.Simulation;

/// <summary>Counters the drivers bump and the progress line reads while the run goes on.</summary>
public sealed class SimulationProgress
{
    private long _sent;
    private long _decisions;
    private long _violations;

    public long Sent => Interlocked.Read(ref _sent);
    public long Decisions => Interlocked.Read(ref _decisions);
    public long Violations => Interlocked.Read(ref _violations);

    public void AddSent(long n) => Interlocked.Add(ref _sent, n);
    public void AddDecision() => Interlocked.Increment(ref _decisions);
    public void AddViolation() => Interlocked.Increment(ref _violations);
}
