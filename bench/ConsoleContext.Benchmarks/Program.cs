using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using ConsoleContext.Benchmarks;

// Figures besides time (BenchExtras) come back from the benchmark processes through this directory, fresh for each run.
var extras = Path.Combine(Path.GetTempPath(), "consolecontext-bench-extras-" + Environment.ProcessId);
Environment.SetEnvironmentVariable(BenchExtras.DirectoryVariable, extras);

// One joined summary, so every row can state its ratio to the engine, the web server and the disk measured in the same run.
// The memory and threading diagnosers are attributes of the benchmark classes, not set here: each costs an extra
// invocation, which the cold-start and memory rows (seconds each, fresh sessions) cannot afford in the short job.
var config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.OperationsPerSecond, VersusBareColumn.Engine, VersusBareColumn.WebServer, VersusBareColumn.Disk, new BenchExtras.Column())
    // Paste-ready: the job's settings are in the header, and the short job's 3 iterations make Error and Median noise.
    .HideColumns(Column.Error, Column.Median, Column.IterationCount, Column.RunStrategy, Column.WarmupCount, Column.Gen0, Column.Gen1, Column.Gen2)
    .WithOptions(ConfigOptions.JoinSummary);

try
{
    BenchmarkSwitcher.FromAssembly(typeof(Workload).Assembly).Run(args, config);
}
finally
{
    if (Directory.Exists(extras))
        Directory.Delete(extras, recursive: true);
}
