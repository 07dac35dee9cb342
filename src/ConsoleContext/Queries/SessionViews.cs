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
            .ToLookup(t => t.ParentTabId!, StringComparer.Ordinal);

        TabView View(TabState tab) => new(tab.TabId, tab.Record, tab.Url, tab.Title, tab.TabId == state.FocusedTabId,
            children[tab.TabId].Select(View).ToList());

        var tabs = state.Tabs.Values.Where(t => t.IsPrimary).OrderBy(t => t.CreatedTick).Select(View).ToList();
        var calls = state.Calls.Values.OrderBy(c => c.StartTick).Select(c => Call(state, c)).ToList();
        return new SessionSnapshot(state.SessionId, state.FocusedTabId, state.AgentStatus, tabs, calls, state.SeqMark, state.SeenEventCount);
    }

    public static CallView Call(SessionState state, CallState call) => new(
        state.SessionId,
        call.CallId,
        call.CallType,
        call.State,
        call.OwnerTabId,
        call.OwnerTabId is { } owner ? state.PrimaryOf(owner) : null,
        call.ParentCallId,
        call.RelatedRecords,
        LogSuggestion.From(call.RelatedRecords));
}
