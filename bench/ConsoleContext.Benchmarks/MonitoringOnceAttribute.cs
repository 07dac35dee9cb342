using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// For a benchmark whose one invocation takes seconds and must start cold (new sessions): whatever job the command line
/// picks, no jitting invocation, no warm-up, <paramref name="iterations"/> measured iterations. Keeps the short job short.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class MonitoringOnceAttribute(int iterations) : JobMutatorConfigBaseAttribute(
    Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(0).WithIterationCount(iterations).WithInvocationCount(1).WithUnrollFactor(1));
