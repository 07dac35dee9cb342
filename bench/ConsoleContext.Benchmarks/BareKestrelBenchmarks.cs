using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>The web server reference (see <see cref="VersusBareColumn.WebServer"/>): the tracker's single-event HTTP row against <see cref="BareKestrel"/>. One operation = one request.</summary>
[InvocationCount(1)]
[WarmupCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class BareKestrelBenchmarks
{
    public const int Requests = 20_000;
    private BareKestrel _server = null!;
    private HttpLoad _load = null!;
    private string[][] _bodies = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = new BareKestrel();
        _load = new HttpLoad(_server.Address, 1_000, "kestrel");
    }

    [IterationSetup]
    public void IterationSetup() => _bodies = _load.Bodies(Requests, HttpLoad.SingleClients, 1);

    [Benchmark(OperationsPerInvoke = Requests)]
    public Task BareKestrelSingles() => _load.Post(_bodies);

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _load.Dispose();
        _server.Dispose();
    }
}
