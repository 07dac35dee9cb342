using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// Figures a benchmark measures besides its time per operation (a p99 at a fixed rate, bytes per open tab, the
/// journal's row size), handed from the benchmark's own process to the summary through one small file per
/// benchmark case in <see cref="Directory"/>, and shown in the <c>measured</c> column.
/// </summary>
public static class BenchExtras
{
    /// <summary>Environment variable naming the directory; the runner sets it before the benchmark processes start.</summary>
    public const string DirectoryVariable = "CONSOLECONTEXT_BENCH_EXTRAS";

    /// <summary>The directory the figures go to (a default under the temp directory when the variable is unset).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } dir ? dir : Path.Combine(Path.GetTempPath(), "consolecontext-bench-extras");

    /// <summary>Records <paramref name="text"/> (one line) for the case named <paramref name="key"/> (method, plus parameters when it has any).</summary>
    public static void Write(string key, string text)
    {
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, key + ".txt"), text);
        Console.WriteLine($"// measured {key}: {text}");
    }

    /// <summary>The key of a case: its method name, then each parameter's value.</summary>
    public static string KeyOf(BenchmarkCase benchmarkCase) =>
        string.Join("-", new[] { benchmarkCase.Descriptor.WorkloadMethod.Name }
            .Concat(benchmarkCase.Parameters.Items.Select(p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")));

    /// <summary>The key for a benchmark method with the given parameter values, as <see cref="KeyOf"/> forms it.</summary>
    public static string Key(string method, params object[] parameters) =>
        string.Join("-", new[] { method }.Concat(parameters.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture) ?? "")));

    /// <summary>The <c>measured</c> column: whatever the case recorded, or <c>-</c>.</summary>
    public sealed class Column : IColumn
    {
        public string Id => nameof(BenchExtras);
        public string ColumnName => "measured";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 10;
        public bool IsNumeric => false;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "what the benchmark measured besides time (p99 at a fixed rate, memory per open tab, row size, time until all decided)";

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var file = Path.Combine(Directory, KeyOf(benchmarkCase) + ".txt");
            return File.Exists(file) ? File.ReadAllText(file).Trim() : "-";
        }
    }
}
