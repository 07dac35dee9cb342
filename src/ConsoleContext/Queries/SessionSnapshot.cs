using ConsoleContext.Rules;

namespace ConsoleContext.Queries;

/// <summary>A session as a softphone backend or a tester sees it (spec §5): each console's tab tree and focus, calls, status.</summary>
/// <param name="Consoles">Consoles with an open tab or a focused tab, the default console (consoleId null) first, then by id.</param>
/// <param name="Calls">The active calls and the ended calls the session keeps in full (<c>ended-calls-in-full</c>, the latest ends), in start order.</param>
/// <param name="Streams">The remembered streams' seq marks (R8, R11); streamId null for the default stream.</param>
/// <param name="EventsSeen">How many eventIds the dedupe memory holds (at most dedupe-capacity).</param>
public sealed record SessionSnapshot(
    string SessionId,
    string? AgentStatus,
    IReadOnlyList<ConsoleView> Consoles,
    IReadOnlyList<CallView> Calls,
    IReadOnlyList<StreamView> Streams,
    int EventsSeen);

/// <summary>One console window of a session: its focused tab and its primary tabs (each with its subtabs), in creation order.</summary>
public sealed record ConsoleView(string? ConsoleId, string? FocusedTabId, IReadOnlyList<TabView> Tabs);

/// <summary>One bridge instance's seq mark.</summary>
public sealed record StreamView(string? StreamId, long SeqMark);
