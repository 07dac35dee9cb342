using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>A session's whole state as a snapshot: everything Decide reads, dedupe set and seq mark included.</summary>
public sealed record SessionStateData(
    string SessionId,
    IReadOnlyList<TabState> Tabs,
    IReadOnlyList<CallState> Calls,
    IReadOnlyList<string> ActiveCallIds,
    string? FocusedTabId,
    RecordRef? LastNavigationRecord,
    string? LastNavigationUrl,
    IReadOnlyList<ClickIntent> ClickIntents,
    string? AgentStatus,
    long SeqMark,
    long Clock,
    IReadOnlyList<string> SeenEventIds) : IPersistedMessage;
