using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>
/// The state as it would be after the event being decided: reads fall through to the unchanged
/// <see cref="SessionState"/>, writes stay here and become the ruling's changes. This is what lets
/// Decide reason step by step without touching the state.
/// </summary>
internal sealed class SessionDraft
{
    private readonly SessionState _state;
    private readonly long _tick;
    private readonly DateTimeOffset _now;
    private Func<string, TabState?>? _openTab;

    private Dictionary<string, TabState>? _savedTabs;
    private HashSet<string>? _closedTabs;
    private Dictionary<string, CallState>? _savedCalls;
    private CallState? _newCall;
    private bool _focusChanged;
    private string? _focusedTabId;
    private IReadOnlyList<ClickIntent>? _clicks;
    private SessionChanges.LastNavigationChanged? _lastNavigation;
    private SessionChanges.AgentStatusChanged? _status;
    private bool _consoleCleared;

    public SessionDraft(SessionState state, long tick, DateTimeOffset now)
    {
        _state = state;
        _tick = tick;
        _now = now;
    }

    public long Tick => _tick;
    public DateTimeOffset Now => _now;

    public string? FocusedTabId => _focusChanged ? _focusedTabId : _consoleCleared ? null : _state.FocusedTabId;

    public IReadOnlyList<ClickIntent> ClickIntents => _clicks ?? _state.ClickIntents;

    public TabState? Tab(string tabId)
    {
        if (_savedTabs is not null && _savedTabs.TryGetValue(tabId, out var saved))
            return saved;
        if (_consoleCleared || (_closedTabs?.Contains(tabId) ?? false))
            return null;
        return _state.Tabs.GetValueOrDefault(tabId);
    }

    public bool IsOpen(string tabId) => Tab(tabId) is not null;

    /// <summary>Every open tab as of now in the draft.</summary>
    public IEnumerable<TabState> OpenTabs()
    {
        if (!_consoleCleared)
        {
            foreach (var tab in _state.Tabs.Values)
            {
                if (_savedTabs?.ContainsKey(tab.TabId) == true || _closedTabs?.Contains(tab.TabId) == true)
                    continue;
                yield return tab;
            }
        }
        if (_savedTabs is not null)
        {
            foreach (var tab in _savedTabs.Values)
                yield return tab;
        }
    }

    public string? PrimaryOf(string tabId) => TabTree.PrimaryOf(tabId, _openTab ??= Tab);

    /// <summary>True when <paramref name="tabId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsSelfOrDescendant(string tabId, string ancestorId) => TabTree.IsSelfOrDescendant(tabId, ancestorId, _openTab ??= Tab);

    public void SaveTab(TabState tab)
    {
        (_savedTabs ??= new(StringComparer.Ordinal))[tab.TabId] = tab;
    }

    public void CloseTabs(IReadOnlyCollection<string> tabIds)
    {
        _closedTabs ??= new(StringComparer.Ordinal);
        foreach (var id in tabIds)
        {
            _closedTabs.Add(id);
            _savedTabs?.Remove(id);
        }
    }

    public void SetFocus(string? tabId)
    {
        _focusChanged = true;
        _focusedTabId = tabId;
    }

    public CallState? Call(string callId)
    {
        if (_newCall?.CallId == callId)
            return _newCall;
        if (_savedCalls is not null && _savedCalls.TryGetValue(callId, out var saved))
            return saved;
        return _state.Calls.GetValueOrDefault(callId);
    }

    /// <summary>Calls active before the event, plus the one it started, in start order, as the draft sees them (possibly ended now).</summary>
    public IEnumerable<CallState> CallsInPlay()
    {
        foreach (var id in _state.ActiveCallIds)
            yield return Call(id)!;
        if (_newCall is not null)
            yield return _newCall;
    }

    public IEnumerable<CallState> ActiveCalls() => CallsInPlay().Where(c => c.IsActive);

    /// <summary>True when any call was in play before this event or was started by it (the common no-call case costs nothing).</summary>
    public bool AnyCallInPlay => _state.ActiveCallIds.Count > 0 || _newCall is not null;

    public void SaveCall(CallState call)
    {
        if (_newCall?.CallId == call.CallId || !_state.Calls.ContainsKey(call.CallId))
            _newCall = call;
        else
            (_savedCalls ??= new(StringComparer.Ordinal))[call.CallId] = call;
    }

    public void SetClickIntents(IReadOnlyList<ClickIntent> clicks) => _clicks = clicks;

    public void SetLastNavigation(RecordRef? record, string url) => _lastNavigation = new(record, url);

    public void SetAgentStatus(string? status) => _status = new(status);

    public void ClearConsole()
    {
        _consoleCleared = true;
        _savedTabs = null;
        _closedTabs = null;
        _focusChanged = false;
        _clicks = [];
        _lastNavigation = new(null, string.Empty);
        _status = new(null);
    }

    public IReadOnlyList<CallSummary> CallSummaries()
    {
        if (!AnyCallInPlay)
            return [];
        var summaries = new List<CallSummary>(_state.ActiveCallIds.Count + 1);
        foreach (var call in CallsInPlay())
            summaries.Add(new CallSummary(call.CallId, call.State, call.OwnerTabId));
        return summaries;
    }

    public IReadOnlyList<SessionChange> Changes(SessionChanges.EventRecorded recorded)
    {
        var changes = new List<SessionChange>(4);
        if (_consoleCleared)
            changes.Add(new SessionChanges.ConsoleCleared());
        if (_closedTabs is not null)
            changes.Add(new SessionChanges.TabsClosed([.. _closedTabs]));
        if (_savedTabs is not null)
        {
            foreach (var tab in _savedTabs.Values)
                changes.Add(new SessionChanges.TabSaved(tab));
        }
        if (_focusChanged)
            changes.Add(new SessionChanges.FocusChanged(_focusedTabId));
        if (_savedCalls is not null)
        {
            foreach (var call in _savedCalls.Values)
                changes.Add(new SessionChanges.CallSaved(call));
        }
        if (_newCall is not null)
            changes.Add(new SessionChanges.CallSaved(_newCall));
        if (_clicks is not null)
            changes.Add(new SessionChanges.ClickIntentsChanged(_clicks));
        if (_lastNavigation is not null && !_consoleCleared)
            changes.Add(_lastNavigation);
        if (_status is not null && !_consoleCleared)
            changes.Add(_status);
        changes.Add(recorded);
        return changes;
    }
}
