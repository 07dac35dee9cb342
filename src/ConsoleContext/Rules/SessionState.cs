using ConsoleContext.Persistence;
using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>
/// The model of one agent session: tab tree, focus, calls, click intents, dedupe set and seq mark.
/// Only <see cref="OwnershipRules.Apply(SessionState, SessionChange)"/> changes it (in place, for speed);
/// <see cref="OwnershipRules.Decide"/> only reads it.
/// </summary>
public sealed class SessionState
{
    private readonly Dictionary<string, TabState> _tabs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallState> _calls = new(StringComparer.Ordinal);
    private readonly List<string> _activeCallIds = [];
    private readonly HashSet<string> _seenEventIds = new(StringComparer.Ordinal);

    public SessionState(string sessionId) => SessionId = sessionId;

    public string SessionId { get; }
    public IReadOnlyDictionary<string, TabState> Tabs => _tabs;
    /// <summary>Every call ever started in the session, active or ended (ended ids answer later events with call-ended).</summary>
    public IReadOnlyDictionary<string, CallState> Calls => _calls;
    /// <summary>Active call ids in start order.</summary>
    public IReadOnlyList<string> ActiveCallIds => _activeCallIds;
    public string? FocusedTabId { get; private set; }
    public RecordRef? LastNavigationRecord { get; private set; }
    public string? LastNavigationUrl { get; private set; }
    public IReadOnlyList<ClickIntent> ClickIntents { get; private set; } = [];
    public string? AgentStatus { get; private set; }
    public long SeqMark { get; private set; }
    /// <summary>Session clock: one tick per accepted event; orders creations and focus changes.</summary>
    public long Clock { get; private set; }
    public int SeenEventCount => _seenEventIds.Count;

    public bool HasSeen(string eventId) => _seenEventIds.Contains(eventId);

    public SessionStateData ToData() => new(SessionId, [.. _tabs.Values], [.. _calls.Values], [.. _activeCallIds], FocusedTabId,
        LastNavigationRecord, LastNavigationUrl, ClickIntents, AgentStatus, SeqMark, Clock, [.. _seenEventIds]);

    public static SessionState FromData(SessionStateData data)
    {
        var state = new SessionState(data.SessionId)
        {
            FocusedTabId = data.FocusedTabId,
            LastNavigationRecord = data.LastNavigationRecord,
            LastNavigationUrl = data.LastNavigationUrl,
            ClickIntents = data.ClickIntents,
            AgentStatus = data.AgentStatus,
            SeqMark = data.SeqMark,
            Clock = data.Clock,
        };
        foreach (var tab in data.Tabs)
            state._tabs[tab.TabId] = tab;
        foreach (var call in data.Calls)
            state._calls[call.CallId] = call;
        state._activeCallIds.AddRange(data.ActiveCallIds);
        state._seenEventIds.UnionWith(data.SeenEventIds);
        return state;
    }

    internal void RecordEvent(SessionChanges.EventRecorded change)
    {
        _seenEventIds.Add(change.EventId);
        if (change.Seq is { } seq && seq > SeqMark)
            SeqMark = seq;
        Clock = change.Tick;
    }

    internal void SaveTab(TabState tab) => _tabs[tab.TabId] = tab;

    internal void CloseTabs(IReadOnlyList<string> tabIds)
    {
        foreach (var id in tabIds)
            _tabs.Remove(id);
    }

    internal void SetFocus(string? tabId) => FocusedTabId = tabId;

    internal void SaveCall(CallState call)
    {
        var isNew = !_calls.ContainsKey(call.CallId);
        _calls[call.CallId] = call;
        if (isNew && call.IsActive)
            _activeCallIds.Add(call.CallId);
        else if (!isNew && !call.IsActive)
            _activeCallIds.Remove(call.CallId);
    }

    internal void SetClickIntents(IReadOnlyList<ClickIntent> clicks) => ClickIntents = clicks;

    internal void SetLastNavigation(RecordRef? record, string url)
    {
        LastNavigationRecord = record;
        LastNavigationUrl = url;
    }

    internal void SetAgentStatus(string? status) => AgentStatus = status;

    internal void ClearConsole()
    {
        _tabs.Clear();
        FocusedTabId = null;
        ClickIntents = [];
        LastNavigationRecord = null;
        LastNavigationUrl = null;
        AgentStatus = null;
    }

    /// <summary>The tab that heads the tab's tree (the tab itself when primary); null when the tab is not open.</summary>
    public string? PrimaryOf(string tabId) => TabTree.PrimaryOf(tabId, _tabs.GetValueOrDefault);
}
