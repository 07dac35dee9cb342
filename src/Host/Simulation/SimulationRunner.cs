using System.Diagnostics;
using Akka.Actor;
using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Wiring;
using HdrHistogram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsoleContext.Host.Simulation;

/// <summary>Starts the tracker exactly as the service wires it (memory or SQLite journal), drives it with simulated agents and measures.</summary>
public static class SimulationRunner
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <param name="progress">Where the once-a-second progress line goes (stderr for the command).</param>
    public static async Task<SimulationReport> RunAsync(SimulationOptions options, TextWriter progress, CancellationToken cancellationToken = default)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cc-simulate-" + Guid.NewGuid().ToString("N"));
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = dataDirectory });
        builder.AddTracker(durable: options.IsSqlite, logToStandardError: true);
        var host = builder.Build();
        var running = true;
        await host.StartAsync(cancellationToken);
        try
        {
            var (report, managedWithTracker, measured) = await DriveAsync(host.Services, options, progress, cancellationToken);
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            running = false;
            // What the stopped tracker (sessions, actors, journal plugin) held is the memory the sessions cost; the
            // measurement's own data (latency histograms, results) is alive in both readings and cancels out.
            var managedWithoutTracker = GC.GetTotalMemory(forceFullCollection: true);
            // Kept alive until here: the per-second histograms (about 130 KB a second of run) would otherwise be freed
            // between the readings and counted as the sessions' memory.
            GC.KeepAlive(measured);
            return WithMemory(report, options, managedWithTracker - managedWithoutTracker);
        }
        finally
        {
            if (running)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDirectory))
                Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static SimulationReport WithMemory(SimulationReport report, SimulationOptions options, long managedBytes) => report with
    {
        ManagedBytes = managedBytes,
        BytesPerSession = managedBytes / (double)options.Agents,
        BytesPerTab = report.OpenTabs == 0 ? 0 : managedBytes / (double)report.OpenTabs,
    };

    private static async Task<(SimulationReport Report, long ManagedWithTracker, List<SimulationDriver.Result> Measured)> DriveAsync(IServiceProvider services, SimulationOptions options, TextWriter progressOut, CancellationToken ct)
    {
        var system = services.GetRequiredService<ActorSystem>();
        var sessions = services.GetRequiredService<ActorRegistry>().Get<SessionRouterActor>();
        var progress = new SimulationProgress();
        var scripts = Enumerable.Range(0, options.Agents)
            .Select(i => new AgentScript($"sim-agent-{i}", options.TabsPerAgent, options.CallShare, options.Seed + i))
            .ToList();
        var driverCount = Math.Clamp(Environment.ProcessorCount / 2, 1, options.Agents);
        var drivers = Enumerable.Range(0, driverCount)
            .Select(d => system.ActorOf(SimulationDriver.Props(sessions,
                [.. scripts.Where((_, i) => i % driverCount == d)],
                options.EventsPerSecond / driverCount, options.Window, progress), $"simulation-driver-{d}-{Guid.NewGuid():N}"))
            .ToList();

        var started = Stopwatch.GetTimestamp();
        foreach (var driver in drivers)
            driver.Tell(new SimulationDriver.Go());

        await ReportProgressAsync(progress, progressOut, started, started, TimeSpan.FromSeconds(options.WarmupSeconds), "warm-up", () => false, ct);
        foreach (var driver in drivers)
            driver.Tell(new SimulationDriver.StartMeasuring());
        var measuring = Stopwatch.GetTimestamp();
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
        var target = (long)options.EventsPerAgent * options.Agents;
        await ReportProgressAsync(progress, progressOut, started, measuring, options.EffectiveDuration, "measure",
            () => target > 0 && progress.Sent >= target, ct);

        foreach (var driver in drivers)
            driver.Tell(new SimulationDriver.StopSending());
        // Every event sent must get its answer; wait for the last ones (a missing one is reported as unanswered).
        var drainStarted = Stopwatch.GetTimestamp();
        while (progress.Decisions + progress.Violations < progress.Sent && Stopwatch.GetElapsedTime(drainStarted) < DrainTimeout)
            await Task.Delay(20, ct);
        var seconds = (Stopwatch.GetTimestamp() - measuring) / (double)Stopwatch.Frequency;
        var pause = (GC.GetTotalPauseDuration() - gcBefore.Item4).TotalMilliseconds;
        var gc = new GcSummary(GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2,
            GC.CollectionCount(2) - gcBefore.Item3, pause, pause / (seconds * 1000));

        var results = new List<SimulationDriver.Result>();
        foreach (var driver in drivers)
            results.Add(await driver.Ask<SimulationDriver.Result>(new SimulationDriver.Collect(), TimeSpan.FromSeconds(10), ct));
        foreach (var driver in drivers)
            system.Stop(driver);
        var managedWithTracker = GC.GetTotalMemory(forceFullCollection: true);

        return (Summarise(options, results, seconds, 0, gc) with { EventsPerAgent = progress.Sent / (double)options.Agents }, managedWithTracker, results);
    }

    private static async Task ReportProgressAsync(SimulationProgress progress, TextWriter progressOut, long started, long phaseStarted, TimeSpan phase, string label,
        Func<bool> done, CancellationToken ct)
    {
        var lastDecisions = progress.Decisions;
        var lastAt = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(phaseStarted) < phase && !done())
        {
            var remaining = phase - Stopwatch.GetElapsedTime(phaseStarted);
            // Poll the stop condition often enough that "events per agent" overshoots by little.
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(100) ? remaining : TimeSpan.FromMilliseconds(100), ct);
            if (Stopwatch.GetElapsedTime(lastAt) < TimeSpan.FromSeconds(1) && !done())
                continue;
            var now = Stopwatch.GetTimestamp();
            var decisions = progress.Decisions;
            var rate = (decisions - lastDecisions) / Math.Max(1e-9, (now - lastAt) / (double)Stopwatch.Frequency);
            await progressOut.WriteLineAsync(
                $"[{Stopwatch.GetElapsedTime(started).TotalSeconds,5:F1}s {label}] decisions {decisions,12:N0}  {rate,12:N0}/s  violations {progress.Violations}");
            lastDecisions = decisions;
            lastAt = now;
        }
    }

    private static SimulationReport Summarise(SimulationOptions options, List<SimulationDriver.Result> results, double seconds, long managedBytes, GcSummary gc)
    {
        var total = LatencyRecorder.NewHistogram();
        var perSecond = new List<LongHistogram>();
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            total.Add(r.Latency.Total);
            for (var s = 0; s < r.Latency.PerSecond.Count; s++)
            {
                while (perSecond.Count <= s)
                    perSecond.Add(LatencyRecorder.NewHistogram());
                perSecond[s].Add(r.Latency.PerSecond[s]);
            }
            foreach (var (key, count) in r.Outcomes)
                outcomes[key] = outcomes.GetValueOrDefault(key) + count;
        }

        var decisions = results.Sum(r => r.Decisions);
        var openTabs = results.Sum(r => r.OpenTabs);
        return new SimulationReport(
            options,
            $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
            seconds,
            results.Sum(r => r.Sent),
            decisions,
            decisions / seconds,
            Summary(total),
            managedBytes,
            managedBytes / (double)options.Agents,
            openTabs == 0 ? 0 : managedBytes / (double)openTabs,
            openTabs,
            results.Sum(r => r.Violations),
            results.Sum(r => r.Unanswered),
            [.. results.SelectMany(r => r.Samples).Take(20)],
            outcomes,
            [.. perSecond.Select((h, s) => h.TotalCount == 0
                ? new SecondSample(s, 0, 0, 0, 0)
                : new SecondSample(s, h.TotalCount, h.GetValueAtPercentile(50), h.GetValueAtPercentile(99), h.GetMaxValue()))],
            gc);
    }

    private static LatencySummary Summary(LongHistogram h) => h.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0)
        : new LatencySummary(h.GetValueAtPercentile(50), h.GetValueAtPercentile(90), h.GetValueAtPercentile(99), h.GetValueAtPercentile(99.9), h.GetMaxValue());
}
