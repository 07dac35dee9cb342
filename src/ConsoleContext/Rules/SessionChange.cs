namespace ConsoleContext.Rules;

/// <summary>One fine-grained state change produced by <see cref="OwnershipRules.Decide"/> and applied by <see cref="OwnershipRules.Apply(SessionState, SessionChange)"/>.</summary>
public abstract record SessionChange;

/// <summary>The state changes, grouped by what they touch.</summary>
public static class SessionChanges
{
    /// <summary>The event was accepted: remember its id for dedupe, raise the seq mark, advance the clock.</summary>
    public sealed record EventRecorded(string EventId, long? Seq, long Tick) : SessionChange;

    /// <summary>A tab was opened, re-created, or changed (record, title, focus tick): the whole new tab.</summary>
    public sealed record TabSaved(TabState Tab) : SessionChange;

    public sealed record TabsClosed(IReadOnlyList<string> TabIds) : SessionChange;

    public sealed record FocusChanged(string? TabId) : SessionChange;

    /// <summary>A call was started or changed: the whole new call.</summary>
    public sealed record CallSaved(CallState Call) : SessionChange;

    public sealed record ClickIntentsChanged(IReadOnlyList<ClickIntent> Clicks) : SessionChange;

    public sealed record LastNavigationChanged(Protocol.RecordRef? Record, string Url) : SessionChange;

    public sealed record AgentStatusChanged(string? Status) : SessionChange;

    /// <summary>sessionEnded: tabs, focus, click intents, last navigation and status are cleared.</summary>
    public sealed record ConsoleCleared : SessionChange;
}
