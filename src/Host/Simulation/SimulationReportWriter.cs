using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ConsoleContext.Host.Simulation;

/// <summary>The summary table on the console, and report.md, report.json and latency.svg for <c>--out</c>.</summary>
public static class SimulationReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string Table(SimulationReport r)
    {
        var rows = Rows(r);
        var width = rows.Max(x => x.Name.Length);
        var sb = new StringBuilder();
        foreach (var (name, value) in rows)
            sb.Append("| ").Append(name.PadRight(width)).Append(" | ").Append(value).AppendLine();
        foreach (var sample in r.ViolationSamples)
            sb.Append("  violation: ").AppendLine(sample);
        return sb.ToString();
    }

    private static (string Name, string Value)[] Rows(SimulationReport r)
    {
        var o = r.Options;
        return
        [
            ("agents x tabs", $"{o.Agents:N0} x {o.TabsPerAgent}"),
            ("rate", o.EventsPerSecond > 0 ? $"{o.EventsPerSecond:N0} events/s" : $"max (window {o.Window} per agent)"),
            ("call share", o.CallShare.ToString("0.##", CultureInfo.InvariantCulture)),
            ("journal", o.Journal),
            ("machine", r.Machine),
            ("warm-up (not measured)", $"{o.WarmupSeconds:0.#} s"),
            ("measured", $"{r.Seconds:F1} s"),
            ("events sent (measured)", $"{r.Sent:N0}"),
            ("events per agent (whole run)", $"{r.EventsPerAgent:N0}"),
            ("decisions", $"{r.Decisions:N0}"),
            ("decisions/s", $"{r.DecisionsPerSecond:N0}"),
            ("latency p50", Micros(r.Latency.P50)),
            ("latency p99", Micros(r.Latency.P99)),
            ("latency p99.9", Micros(r.Latency.P999)),
            ("latency max", Micros(r.Latency.Max)),
            ("GC during measurement", $"gen0 {r.Gc.Gen0}, gen1 {r.Gc.Gen1}, gen2 {r.Gc.Gen2}; paused {r.Gc.PauseMilliseconds:N0} ms ({r.Gc.PausedShare:P1} of the time)"),
            ("open tabs at end", $"{r.OpenTabs:N0}"),
            ("managed memory", $"{r.ManagedBytes / 1048576.0:N1} MiB"),
            ("memory per session", $"{r.BytesPerSession / 1024:N1} KiB"),
            ("memory per open tab", $"{r.BytesPerTab / 1024:N2} KiB"),
            ("violations", $"{r.Violations}"),
            ("unanswered events", $"{r.Unanswered}"),
        ];
    }

    public static async Task WriteAsync(SimulationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report));
        await File.WriteAllTextAsync(Path.Combine(directory, "latency.svg"), LatencyChart.Svg(report.PerSecond));
    }

    private static string Markdown(SimulationReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Simulation report").AppendLine();
        sb.AppendLine(r.Passed ? "Result: **no invariant violated**." : $"Result: **{r.Violations} violations, {r.Unanswered} unanswered events**.").AppendLine();
        sb.AppendLine("| measure | value |").AppendLine("| --- | --- |");
        foreach (var (name, value) in Rows(r))
            sb.AppendLine($"| {name} | {value} |");
        sb.AppendLine().AppendLine("## Outcomes").AppendLine().AppendLine("| outcome/reason | decisions |").AppendLine("| --- | ---: |");
        foreach (var (key, count) in r.Outcomes)
            sb.AppendLine($"| {key} | {count:N0} |");
        if (r.ViolationSamples.Count > 0)
        {
            sb.AppendLine().AppendLine("## Violations (first ones)").AppendLine();
            foreach (var sample in r.ViolationSamples)
                sb.AppendLine("- " + sample);
        }
        sb.AppendLine().AppendLine("## Latency over time").AppendLine().AppendLine("![latency](latency.svg)").AppendLine();
        sb.AppendLine("| second | decisions | p50 | p99 | max |").AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in r.PerSecond)
            sb.AppendLine($"| {s.Second} | {s.Decisions:N0} | {Micros(s.P50)} | {Micros(s.P99)} | {Micros(s.Max)} |");
        return sb.ToString();
    }

    public static string Micros(long micros) => micros >= 1000
        ? (micros / 1000.0).ToString("0.00", CultureInfo.InvariantCulture) + " ms"
        : micros.ToString(CultureInfo.InvariantCulture) + " µs";
}
