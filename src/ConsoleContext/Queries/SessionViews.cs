using ConsoleContext.Rules;

namespace ConsoleContext.Queries;

/// <summary>Builds the query views from a session's state.</summary>
public static class SessionViews
{
    public static SessionSnapshot Snapshot(SessionState state)
    {
        var children = state.Tabs.Values
            .Where(t => t.ParentTabId is not null)
            .OrderBy(t => t.CreatedTick)
            .ToLookup(t => new TabKey(t.Console, t.ParentTabId!));

        TabView View(TabState tab) => new(tab.TabId, tab.Record, tab.Url, tab.Title, tab.TabId == state.FocusedTab(tab.Console),
            children[tab.Key].Select(View).ToList());

        var consoles = state.TabsPerConsole.Keys.Union(state.Focus.Keys)
            .Order(StringComparer.Ordinal)
            .Select(console => new ConsoleView(TabKey.ReportedConsole(console), state.FocusedTab(console),
                state.Tabs.Values.Where(t => t.Console == console && t.IsPrimary).OrderBy(t => t.CreatedTick).Select(View).ToList()))
            .ToList();
        var calls = state.Calls.Values.OrderBy(c => c.StartTick).Select(c => Call(state, c)).ToList();
        var streams = state.Streams.OrderBy(s => s.StreamId, StringComparer.Ordinal)
            .Select(s => new StreamView(s.StreamId.Length == 0 ? null : s.StreamId, s.Mark)).ToList();
        return new SessionSnapshot(state.SessionId, state.AgentStatus, consoles, calls, streams, state.SeenEventCount);
    }

    public static CallView Call(SessionState state, CallState call) => new(
        state.SessionId,
        call.CallId,
        call.CallType,
        call.State,
        call.OwnerTabId,
        call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole),
        call.Owner is { } owner ? state.PrimaryOf(owner)?.TabId : null,
        call.ParentCallId,
        call.RelatedRecords,
        LogSuggestion.From(call.RelatedRecords));
}
