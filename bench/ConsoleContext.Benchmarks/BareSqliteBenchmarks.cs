using BenchmarkDotNet.Attributes;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The disk reference (see <see cref="VersusBareColumn.Disk"/>): <see cref="BareSqlite"/> rows shaped after a real
/// journal row, which the setup takes from a journal the tracker has just written (1,000 sessions, one event per Submit,
/// as in <see cref="SqliteActorBenchmarks"/>). One operation = one row.
/// </summary>
[InvocationCount(1)]
[WarmupCount(1)]
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class BareSqliteBenchmarks
{
    public const int Rows = 20_000;
    private BareSqlite _sqlite = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        using (var tracker = TrackerHarness.Sqlite())
        {
            var events = new Workload(1_000, "row").Next(2_000, out _);
            if (!tracker.Run(TrackerHarness.Singles(events), events.Length).Wait(TimeSpan.FromMinutes(2)))
                throw new TimeoutException("the tracker did not decide 2,000 events on SQLite within 2 minutes");
            _sqlite = BareSqlite.From(tracker.ConnectionString!);
        }
        BenchExtras.Write(nameof(BareSqliteRows),
            $"{_sqlite.RowBytes:N0} B a row, {BareSqlite.RowsPerTransaction} a transaction, WAL, synchronous={_sqlite.Synchronous}");
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void BareSqliteRows() => _sqlite.Insert(Rows);

    [GlobalCleanup]
    public void GlobalCleanup() => _sqlite.Dispose();
}
