namespace ConsoleContext.Queries;

/// <summary>A session as a softphone backend or a tester sees it (spec §5): tab tree, focus, calls, status.</summary>
public sealed record SessionSnapshot(
    string SessionId,
    string? FocusedTabId,
    string? AgentStatus,
    IReadOnlyList<TabView> Tabs,
    IReadOnlyList<CallView> Calls,
    long SeqMark,
    int EventsSeen);
