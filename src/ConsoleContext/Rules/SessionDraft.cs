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
    private Func<TabKey, TabState?>? _openTab;

    private Dictionary<TabKey, TabState>? _savedTabs;
    private HashSet<TabKey>? _closedTabs;
    private Dictionary<string, string?>? _focus;
    private Dictionary<string, CallState>? _savedCalls;
    // Calls that were not active before this event and are in play now (a new call, a new life, an adoption), in order.
    private List<CallState>? _newCalls;
    private List<string>? _forgottenCalls;
    private int _forgottenTombstones;
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
    public OwnershipSettings Settings => _state.Settings;

    public string? FocusedTab(string console)
    {
        if (_focus is not null && _focus.TryGetValue(console, out var tabId))
            return tabId;
        return _consoleCleared ? null : _state.FocusedTab(console);
    }

    public IReadOnlyList<ClickIntent> ClickIntents => _clicks ?? _state.ClickIntents;

    public TabState? Tab(TabKey key)
    {
        if (_savedTabs is not null && _savedTabs.TryGetValue(key, out var saved))
            return saved;
        if (_consoleCleared || (_closedTabs?.Contains(key) ?? false))
            return null;
        return _state.Tabs.GetValueOrDefault(key);
    }

    public bool IsOpen(TabKey key) => Tab(key) is not null;

    /// <summary>True when the event opens a tab that the session did not have open: only then can a tab or console limit be exceeded.</summary>
    public bool OpensTabs
    {
        get
        {
            if (_savedTabs is null)
                return false;
            foreach (var key in _savedTabs.Keys)
            {
                if (_consoleCleared || !_state.Tabs.ContainsKey(key))
                    return true;
            }
            return false;
        }
    }

    /// <summary>Every open tab of every console as of now in the draft.</summary>
    public IEnumerable<TabState> OpenTabs()
    {
        if (!_consoleCleared)
        {
            foreach (var tab in _state.Tabs.Values)
            {
                if (_savedTabs?.ContainsKey(tab.Key) == true || _closedTabs?.Contains(tab.Key) == true)
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

    public TabKey? PrimaryOf(TabKey key) => TabTree.PrimaryOf(key, _openTab ??= Tab);

    /// <summary>True when <paramref name="key"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSelfOrDescendant(TabKey key, TabKey ancestor) => TabTree.IsSelfOrDescendant(key, ancestor, _openTab ??= Tab);

    public void SaveTab(TabState tab)
    {
        (_savedTabs ??= [])[tab.Key] = tab;
    }

    public void CloseTabs(IReadOnlyCollection<TabKey> keys)
    {
        _closedTabs ??= [];
        foreach (var key in keys)
        {
            _closedTabs.Add(key);
            _savedTabs?.Remove(key);
        }
    }

    public void SetFocus(string console, string? tabId) => (_focus ??= new(StringComparer.Ordinal))[console] = tabId;

    public CallState? Call(string callId)
    {
        if (_newCalls is not null)
        {
            foreach (var call in _newCalls)
            {
                if (call.CallId == callId)
                    return call;
            }
        }
        if (_savedCalls is not null && _savedCalls.TryGetValue(callId, out var saved))
            return saved;
        if (_forgottenCalls?.Contains(callId) == true)
            return null;
        return _state.RememberedCall(callId, _forgottenTombstones);
    }

    /// <summary>Calls active before the event, then those it brought into play, in order, as the draft sees them (possibly ended now).</summary>
    public IEnumerable<CallState> CallsInPlay()
    {
        foreach (var id in _state.ActiveCallIds)
        {
            if (_savedCalls is not null && _savedCalls.TryGetValue(id, out var saved))
                yield return saved;
            else
                yield return _state.Calls[id];
        }
        if (_newCalls is not null)
        {
            foreach (var call in _newCalls)
                yield return call;
        }
    }

    public IEnumerable<CallState> ActiveCalls()
    {
        foreach (var call in CallsInPlay())
        {
            if (call.IsActive)
                yield return call;
        }
    }

    /// <summary>True when any call was in play before this event or was brought into play by it (the common no-call case costs nothing).</summary>
    public bool AnyCallInPlay => _state.ActiveCallIds.Count > 0 || _newCalls is not null;

    public int ActiveCallCount => _newCalls is null ? _state.ActiveCallIds.Count : ActiveCalls().Count();

    public void SaveCall(CallState call)
    {
        if (_newCalls is not null)
        {
            for (var i = 0; i < _newCalls.Count; i++)
            {
                if (_newCalls[i].CallId == call.CallId)
                {
                    _newCalls[i] = call;
                    return;
                }
            }
        }
        if (_state.Calls.TryGetValue(call.CallId, out var before) && before.IsActive)
            (_savedCalls ??= new(StringComparer.Ordinal))[call.CallId] = call;
        else
            (_newCalls ??= []).Add(call);
    }

    public void ForgetCall(string callId) => (_forgottenCalls ??= []).Add(callId);

    /// <summary>Forgets the earliest ended call kept as a tombstone that this draft has not forgotten yet.</summary>
    public void ForgetEarliestTombstone() => _forgottenTombstones++;

    public void SetClickIntents(IReadOnlyList<ClickIntent> clicks) => _clicks = clicks;

    public void SetLastNavigation(RecordRef? record, string url) => _lastNavigation = new(record, url);

    public void SetAgentStatus(string? status) => _status = new(status);

    public void ClearConsole()
    {
        _consoleCleared = true;
        _savedTabs = null;
        _closedTabs = null;
        _focus = null;
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
            summaries.Add(Summary(call));
        return summaries;
    }

    public static CallSummary Summary(CallState call) =>
        new(call.CallId, call.State, call.OwnerTabId, call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole));

    public IReadOnlyList<SessionChange> Changes(SessionChanges.EventRecorded recorded)
    {
        var changes = new List<SessionChange>(4);
        if (_forgottenCalls is not null || _forgottenTombstones > 0)
            changes.Add(new SessionChanges.CallsForgotten(_forgottenCalls ?? [], _forgottenTombstones));
        if (_consoleCleared)
            changes.Add(new SessionChanges.ConsoleCleared());
        if (_closedTabs is not null)
            changes.Add(new SessionChanges.TabsClosed([.. _closedTabs]));
        if (_savedTabs is not null)
        {
            foreach (var tab in _savedTabs.Values)
                changes.Add(new SessionChanges.TabSaved(tab));
        }
        if (_focus is not null)
        {
            foreach (var (console, tabId) in _focus)
                changes.Add(new SessionChanges.FocusChanged(console, tabId));
        }
        if (_savedCalls is not null)
        {
            foreach (var call in _savedCalls.Values)
                changes.Add(new SessionChanges.CallSaved(call));
        }
        if (_newCalls is not null)
        {
            foreach (var call in _newCalls)
                changes.Add(new SessionChanges.CallSaved(call));
        }
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
