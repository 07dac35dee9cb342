using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// tracker / bare engine: the bare engine's time per message divided by this benchmark's time per event,
/// i.e. the share of the bare engine's throughput the benchmark reaches (1.0 = as fast as bare Akka).
/// Needs the bare engine in the same (joined) summary.
/// </summary>
public sealed class VersusBareColumn : IColumn
{
    public string Id => nameof(VersusBareColumn);
    public string ColumnName => "vs bare engine";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "tracker / bare engine throughput (bare: 10,000 trivial actors, same message count)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var bare = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(BareEngineBenchmarks.BareEngine10kActors));
        var mine = summary[benchmarkCase];
        if (bare?.ResultStatistics is null || mine?.ResultStatistics is null)
            return "-";
        return (bare.ResultStatistics.Mean / mine.ResultStatistics.Mean).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }
}
