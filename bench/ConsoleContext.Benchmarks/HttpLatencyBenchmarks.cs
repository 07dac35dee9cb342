using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using HdrHistogram;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The latency half of the single-event HTTP target: the setup finds the tracker's peak with 64 clients (a burst as in
/// <see cref="HttpBenchmarks.SingleEvents"/>), then every iteration sends at half that rate, paced, and records each
/// request's latency from its scheduled time. The <c>measured</c> column gives the pace and the percentiles over all
/// iterations; the time per operation is the pace's own (1 / rate), not a throughput. One operation = one request.
/// </summary>
[InvocationCount(1)]
[WarmupCount(1)]
public class HttpLatencyBenchmarks
{
    public const int Requests = 600;
    private const int Sessions = 1_000;
    private const int PeakRequests = 3_000;

    private TrackerServer _server = null!;
    private HttpLoad _load = null!;
    private string[][] _bodies = null!;
    private double _halfRate;
    private readonly List<LongHistogram> _perInvocation = [];

    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = new TrackerServer();
        _load = new HttpLoad(_server.Address, Sessions, "latency");
        // Once to create the sessions, once to measure the peak on warm sessions.
        _load.Post(_load.Bodies(PeakRequests, HttpLoad.SingleClients, 1)).GetAwaiter().GetResult();
        var burst = _load.Bodies(PeakRequests, HttpLoad.SingleClients, 1);
        var started = Stopwatch.GetTimestamp();
        _load.Post(burst).GetAwaiter().GetResult();
        _halfRate = PeakRequests / Stopwatch.GetElapsedTime(started).TotalSeconds / 2;
    }

    [IterationSetup]
    public void IterationSetup() => _bodies = _load.Bodies(Requests, HttpLoad.SingleClients, 1);

    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task SingleEventsAtHalfPeak() => _perInvocation.Add(await _load.PostPaced(_bodies, _halfRate));

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        // The last three invocations are the measured iterations of the short job; earlier ones are jitting and warm-up.
        foreach (var histogram in _perInvocation.TakeLast(3))
            _latencies.Add(histogram);
        BenchExtras.Write(nameof(SingleEventsAtHalfPeak),
            $"{_halfRate:N0} req/s paced: p50 {Millis(50)} ms, p99 {Millis(99)} ms, max {_latencies.GetMaxValue() / 1000.0:0.0} ms");
        _load.Dispose();
        _server.Dispose();
    }

    private readonly LongHistogram _latencies = Host.Simulation.LatencyRecorder.NewHistogram();

    private string Millis(double percentile) => (_latencies.GetValueAtPercentile(percentile) / 1000.0).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
}
