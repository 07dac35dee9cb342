using ConsoleContext.Host.Simulation;

namespace ConsoleContext.Host.Commands;

/// <summary><c>simulate [options]</c>: drives the real actors with synthetic agents and reports throughput, latency, memory and invariant violations.</summary>
public static class SimulateCommand
{
    public const int ExitOk = 0;
    public const int ExitViolations = 1;
    public const int ExitUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.AsksForHelp(args))
        {
            await stdout.WriteLineAsync(SimulationOptions.Usage);
            return ExitOk;
        }
        var options = SimulationOptions.Parse(args, out var error);
        if (options is null)
        {
            await stderr.WriteLineAsync($"simulate: {error} (simulate --help)");
            return ExitUsage;
        }

        await stderr.WriteLineAsync($"simulate: {options.Agents:N0} agents x {options.TabsPerAgent} tabs, " +
            $"{(options.EventsPerSecond > 0 ? $"{options.EventsPerSecond:N0} events/s" : "as fast as possible")}, " +
            $"call share {options.CallShare}, {options.WarmupSeconds:0.#} s warm-up + {options.EffectiveDuration.TotalSeconds:0.#} s measured, {options.Journal} journal");
        var report = await SimulationRunner.RunAsync(options, stderr);
        await stdout.WriteAsync(SimulationReportWriter.Table(report));
        if (options.OutDirectory is { } dir)
        {
            await SimulationReportWriter.WriteAsync(report, dir);
            await stderr.WriteLineAsync($"simulate: wrote report.md, report.json and latency.svg to {Path.GetFullPath(dir)}");
        }
        return report.Passed ? ExitOk : ExitViolations;
    }
}
