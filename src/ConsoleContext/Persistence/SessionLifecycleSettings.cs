using Akka.Configuration;

namespace ConsoleContext.Persistence;

/// <summary>Snapshots, journal pruning, passivation, retention and the reorder window of sessions (HOCON <c>console-context.sessions</c>).</summary>
/// <param name="SnapshotEvery">Save a snapshot after this many accepted events.</param>
/// <param name="JournalKeepEntries">After a snapshot, journal entries (one per write: one or more requests, group commit) more than this many before it are deleted; the tape export covers what is kept.</param>
/// <param name="PassivateAfter">An idle session's actors stop after this long; the next event or query recovers it.</param>
/// <param name="EndedRetention">How long a session is kept after sessionEnded before its journal and snapshots are deleted.</param>
/// <param name="ReorderWindow">Zero (the default) decides events as they arrive; otherwise an event whose seq skips ahead waits up to this long for the skipped ones.</param>
/// <param name="SweepEvery">How often the ended-sessions registry wakes sessions whose retention has passed.</param>
public sealed record SessionLifecycleSettings(
    int SnapshotEvery, long JournalKeepEntries, TimeSpan PassivateAfter, TimeSpan EndedRetention, TimeSpan ReorderWindow, TimeSpan SweepEvery)
{
    public static readonly SessionLifecycleSettings Default =
        new(500, 10_000, TimeSpan.FromMinutes(10), TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromMinutes(5));

    public static SessionLifecycleSettings FromConfig(Config? config)
    {
        var section = config?.GetConfig("console-context.sessions");
        if (section is null || section.IsEmpty)
            return Default;
        return new SessionLifecycleSettings(
            section.GetInt("snapshot-every", Default.SnapshotEvery),
            section.GetLong("journal-keep-entries", Default.JournalKeepEntries),
            section.GetTimeSpan("passivate-after", Default.PassivateAfter),
            section.GetTimeSpan("ended-retention", Default.EndedRetention),
            section.GetTimeSpan("reorder-window", Default.ReorderWindow, allowInfinite: false),
            section.GetTimeSpan("retention-sweep-every", Default.SweepEvery, allowInfinite: false));
    }
}
