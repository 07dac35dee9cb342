using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>One fine-grained state change produced by <see cref="OwnershipRules.Decide"/> and applied by <see cref="OwnershipRules.Apply(SessionState, SessionChange)"/>.</summary>
public abstract record SessionChange;

/// <summary>The state changes, grouped by what they touch.</summary>
public static class SessionChanges
{
    /// <summary>The event was accepted: remember its id for dedupe, raise its stream's seq mark, advance the clock.</summary>
    /// <param name="Stream">The event's stream key (empty for the default stream).</param>
    public sealed record EventRecorded(string EventId, long? Seq, long Tick, string Stream = "") : SessionChange;

    /// <summary>A tab was opened, re-created, or changed (record, title, focus tick): the whole new tab.</summary>
    public sealed record TabSaved(TabState Tab) : SessionChange;

    public sealed record TabsClosed(IReadOnlyList<TabKey> Tabs) : SessionChange;

    /// <summary>The focused tab of one console changed; null: the console has no focused tab.</summary>
    public sealed record FocusChanged(string Console, string? TabId) : SessionChange;

    /// <summary>A call was started, changed, or began a new life: the whole new call.</summary>
    public sealed record CallSaved(CallState Call) : SessionChange;

    /// <summary>R11: ended calls forgotten (retention passed, or too many ended calls).</summary>
    /// <param name="CallIds">Calls forgotten by id (ended calls kept in full; a call kept as a tombstone is found by its digest).</param>
    /// <param name="EarliestTombstones">How many of the earliest ended calls kept as tombstones are forgotten first (0 in rows
    /// written before tombstones).</param>
    public sealed record CallsForgotten(IReadOnlyList<string> CallIds, int EarliestTombstones = 0) : SessionChange;

    public sealed record ClickIntentsChanged(IReadOnlyList<ClickIntent> Clicks) : SessionChange;

    public sealed record LastNavigationChanged(RecordRef? Record, string Url) : SessionChange;

    public sealed record AgentStatusChanged(string? Status) : SessionChange;

    /// <summary>sessionEnded: every console's tabs and focus, click intents, last navigation and status are cleared.</summary>
    public sealed record ConsoleCleared : SessionChange;
}
