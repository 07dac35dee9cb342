using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// A row's throughput as a share of one reference's, measured in the same (joined) run: the reference's time per
/// operation divided by the row's time per operation (1.0 = as fast as the reference). The references are the bare
/// Akka fan-out (the engine), a minimal Kestrel endpoint (the web server) and batched SQLite inserts (the disk).
/// </summary>
public sealed class VersusBareColumn(string columnName, string referenceMethod, string legend) : IColumn
{
    /// <summary>tracker / bare Akka fan-out (10,000 trivial actors, the same message count).</summary>
    public static readonly VersusBareColumn Engine = new("vs engine", nameof(BareEngineBenchmarks.BareEngine10kActors),
        "throughput / bare Akka fan-out's (10,000 trivial actors, same run)");

    /// <summary>tracker / minimal Kestrel endpoint parsing and answering the same POST with the same bearer check.</summary>
    public static readonly VersusBareColumn WebServer = new("vs Kestrel", nameof(BareKestrelBenchmarks.BareKestrelSingles),
        "throughput / bare Kestrel's (same POST parsed and answered, same bearer check, same clients, same run)");

    /// <summary>tracker / bare SQLite inserts of journal-sized rows in batches with the journal's durability settings.</summary>
    public static readonly VersusBareColumn Disk = new("vs SQLite", nameof(BareSqliteBenchmarks.BareSqliteRows),
        "throughput / bare SQLite's (journal-sized rows in batched transactions, WAL, journal's synchronous, same run)");

    public string Id => nameof(VersusBareColumn) + "." + columnName;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var reference = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == referenceMethod);
        var mine = summary[benchmarkCase];
        if (reference?.ResultStatistics is null || mine?.ResultStatistics is null)
            return "-";
        return (reference.ResultStatistics.Mean / mine.ResultStatistics.Mean).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
