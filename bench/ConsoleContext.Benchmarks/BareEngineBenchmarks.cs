using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>The reference every other figure is a ratio of (see <see cref="VersusBareColumn"/>). One operation = one message.</summary>
[InvocationCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class BareEngineBenchmarks
{
    public const int Messages = 100_000;
    private BareEngine _engine = null!;
    private object[] _messages = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _engine = new BareEngine();
        _messages = [.. new Workload(1_000, "bare").Next(Messages, out _)];
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public Task BareEngine10kActors() => _engine.Run(_messages);

    [GlobalCleanup]
    public void GlobalCleanup() => _engine.Dispose();
}
