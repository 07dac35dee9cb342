using ConsoleContext.Host.Simulation;
using ConsoleContext.Persistence;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Simulation;

/// <summary>The heap is process-wide: these specs run alone, so what they measure is their own sessions.</summary>
[CollectionDefinition(nameof(SessionMemorySpecs), DisableParallelization = true)]
public sealed class SessionMemoryCollection;

/// <summary>
/// R11, issue 8: what about 10,000 simulator events add to a session's retained state (the rules' state and its calls'
/// timelines) over about 100 stays under <see cref="GrowthBudget"/>, less than what a session costs in the service after
/// 100 events (about 47 KiB with its actors: docs/benchmarks.md, "Memory per session"), so the memory per session after
/// 10,000 events stays under twice that after 100. That needs the dedupe memory to keep the simulator's
/// <c>{sessionId}-{seq}</c> ids as runs and the older ended calls as tombstones (before them: 808 KiB after 10,000).
/// That the state stops growing at R11's bounds is SnapshotSizeSpecs' and BoundedMemorySpecs' part.
/// </summary>
[Collection(nameof(SessionMemorySpecs))]
public sealed class SessionMemorySpecs(ITestOutputHelper output)
{
    private const double GrowthBudget = 32 * 1024;

    private sealed record Session(SessionState State, CallTimelines Timelines);

    private static Session Play(int index, int events)
    {
        var script = new AgentScript($"sim-agent-{index}", 8, 0.2, 42 + index);
        var state = OwnershipRules.Default.NewState(script.SessionId);
        var timelines = new CallTimelines();
        for (var i = 0; i < events; i++)
        {
            var e = script.Next();
            var ruling = OwnershipRules.Default.Decide(state, e, e.Header.At!.Value);
            timelines.Record(state, new DecidedFact(e, ruling.Decision, ruling.Changes));
            OwnershipRules.Apply(state, ruling.Changes);
        }
        return new Session(state, timelines);
    }

    /// <summary>
    /// The heap bytes the sessions keep alive, per session (the heap with them minus the heap without them), the median
    /// of three measurements, each between settled heaps: specs that ran before may still be letting memory go.
    /// </summary>
    private static double BytesPerSession(int sessions, int events) =>
        new[] { MeasureOnce(sessions, events), MeasureOnce(sessions, events), MeasureOnce(sessions, events) }.Order().ElementAt(1);

    // A method of its own, so the sessions it measures are garbage once it returns (a debug build keeps locals alive to
    // the end of their method).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static double MeasureOnce(int sessions, int events)
    {
        var before = SettledHeap();
        var kept = Enumerable.Range(0, sessions).Select(i => Play(i, events)).ToList();
        var after = SettledHeap();
        GC.KeepAlive(kept);
        return (after - before) / (double)sessions;
    }

    /// <summary>The heap after a full collection once two readings in a row agree within 16 KiB (or after 10 s).</summary>
    private static long SettledHeap()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = GC.GetTotalMemory(forceFullCollection: true);
        while (true)
        {
            GC.WaitForPendingFinalizers();
            var now = GC.GetTotalMemory(forceFullCollection: true);
            if (Math.Abs(now - last) < 16 * 1024 || clock.Elapsed > TimeSpan.FromSeconds(10))
                return now;
            last = now;
        }
    }

    [Fact]
    public void R11_10000_events_add_less_to_a_session_than_it_costs_after_100()
    {
        var small = BytesPerSession(200, 100);
        var large = BytesPerSession(20, 10_000);
        output.WriteLine($"per session: {small / 1024:F1} KiB after 100 events, {large / 1024:F1} KiB after 10,000");

        Assert.True(large - small < GrowthBudget, $"{large / 1024:F1} KiB after 10,000 events against {small / 1024:F1} KiB after 100");
        var state = Play(0, 10_000).State;
        Assert.Equal(OwnershipSettings.Default.DedupeCapacity, state.SeenEventCount);
        Assert.True(state.EndedTombstones.Count > 400, $"{state.EndedTombstones.Count} ended calls as tombstones");
    }
}
