using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>
/// The state as it would be after the event being decided: reads fall through to the unchanged
/// <see cref="SessionState"/>, writes stay here and become the ruling's changes. This is what lets
/// Decide reason step by step without touching the state.
/// </summary>
/// <remarks>
/// One draft per thread is reused from event to event (<see cref="Rent"/>, <see cref="Return"/>): its collections are
/// cleared, not reallocated, so deciding an event allocates only what the decision and its changes hold. Nothing the
/// ruling returns refers to the draft's own collections.
/// </remarks>
internal sealed class SessionDraft
{
    [ThreadStatic] private static SessionDraft? t_free;

    private readonly Func<TabKey, TabState?> _openTab;
    private SessionState _state = null!;
    private long _tick;
    private DateTimeOffset _now;

    private readonly Dictionary<TabKey, TabState> _savedTabs = [];
    private readonly HashSet<TabKey> _closedTabs = [];
    private bool _tabsClosed;
    private readonly Dictionary<string, string?> _focus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallState> _savedCalls = new(StringComparer.Ordinal);
    // Calls that were not active before this event and are in play now (a new call, a new life, an adoption), in order.
    private readonly List<CallState> _newCalls = [];
    private readonly List<string> _forgottenCalls = [];
    private int _forgottenTombstones;
    private IReadOnlyList<ClickIntent>? _clicks;
    private SessionChanges.LastNavigationChanged? _lastNavigation;
    private SessionChanges.AgentStatusChanged? _status;
    private bool _consoleCleared;

    // Scratch space of the rules for one step at a time (never two steps' worth at once): cleared before each use.
    private readonly List<CallState> _callScratch = [];
    private readonly HashSet<TabKey> _tabScratch = [];
    private readonly List<(CallState Call, TabKey? NewOwner)> _moveScratch = [];
    private readonly HashSet<string> _consoleScratch = new(StringComparer.Ordinal);

    private SessionDraft() => _openTab = Tab;

    /// <summary>This thread's draft (or a new one when it is in use), set to decide the next event of <paramref name="state"/>.</summary>
    public static SessionDraft Rent(SessionState state, long tick, DateTimeOffset now)
    {
        var draft = t_free ?? new SessionDraft();
        t_free = null;
        draft._state = state;
        draft._tick = tick;
        draft._now = now;
        return draft;
    }

    /// <summary>Clears the draft and keeps it for this thread's next event; the draft must not be used after.</summary>
    public void Return()
    {
        _state = null!;
        _savedTabs.Clear();
        _closedTabs.Clear();
        _tabsClosed = false;
        _focus.Clear();
        _savedCalls.Clear();
        _newCalls.Clear();
        _forgottenCalls.Clear();
        _forgottenTombstones = 0;
        _clicks = null;
        _lastNavigation = null;
        _status = null;
        _consoleCleared = false;
        _callScratch.Clear();
        _tabScratch.Clear();
        _moveScratch.Clear();
        _consoleScratch.Clear();
        t_free = this;
    }

    public long Tick => _tick;
    public DateTimeOffset Now => _now;
    public OwnershipSettings Settings => _state.Settings;

    // The draft's collections are cleared, not dropped, between events: a lookup in an empty one would still hash the
    // key, so every lookup below first checks the count.

    public string? FocusedTab(string console)
    {
        if (_focus.Count > 0 && _focus.TryGetValue(console, out var tabId))
            return tabId;
        return _consoleCleared ? null : _state.FocusedTab(console);
    }

    public IReadOnlyList<ClickIntent> ClickIntents => _clicks ?? _state.ClickIntents;

    public TabState? Tab(TabKey key)
    {
        if (_savedTabs.Count > 0 && _savedTabs.TryGetValue(key, out var saved))
            return saved;
        if (_consoleCleared || (_closedTabs.Count > 0 && _closedTabs.Contains(key)))
            return null;
        return _state.Tab(key);
    }

    public bool IsOpen(TabKey key) => Tab(key) is not null;

    /// <summary>True when the event opens a tab that the session did not have open: only then can a tab or console limit be exceeded.</summary>
    public bool OpensTabs
    {
        get
        {
            foreach (var key in _savedTabs.Keys)
            {
                if (_consoleCleared || !_state.Tabs.ContainsKey(key))
                    return true;
            }
            return false;
        }
    }

    /// <summary>Every open tab of every console as of now in the draft (no allocation: a struct enumerator).</summary>
    public OpenTabsEnumerator OpenTabs() => new(this);

    public TabKey? PrimaryOf(TabKey key) => TabTree.PrimaryOf(key, _openTab);

    /// <summary>True when <paramref name="key"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsSelfOrDescendant(TabKey key, TabKey ancestor) => TabTree.IsSelfOrDescendant(key, ancestor, _openTab);

    public void SaveTab(TabState tab) => _savedTabs[tab.Key] = tab;

    public void CloseTabs(IReadOnlyCollection<TabKey> keys)
    {
        _tabsClosed = true;
        foreach (var key in keys)
        {
            _closedTabs.Add(key);
            _savedTabs.Remove(key);
        }
    }

    public void SetFocus(string console, string? tabId) => _focus[console] = tabId;

    public CallState? Call(string callId)
    {
        for (var i = 0; i < _newCalls.Count; i++)
        {
            if (_newCalls[i].CallId == callId)
                return _newCalls[i];
        }
        if (_savedCalls.Count > 0 && _savedCalls.TryGetValue(callId, out var saved))
            return saved;
        if (_forgottenCalls.Count > 0 && _forgottenCalls.Contains(callId))
            return null;
        return _state.RememberedCall(callId, _forgottenTombstones);
    }

    /// <summary>Calls active before the event, then those it brought into play, in order, as the draft sees them (possibly ended now).</summary>
    public CallsEnumerator CallsInPlay() => new(this, activeOnly: false);

    /// <summary>The calls in play that are still active, in the order of <see cref="CallsInPlay"/>.</summary>
    public CallsEnumerator ActiveCalls() => new(this, activeOnly: true);

    /// <summary>
    /// The active calls copied into the draft's scratch list, for a step that saves calls while it walks them. The list
    /// is valid until the next call of this method.
    /// </summary>
    public List<CallState> ActiveCallsSnapshot()
    {
        _callScratch.Clear();
        foreach (var call in ActiveCalls())
            _callScratch.Add(call);
        return _callScratch;
    }

    /// <summary>An empty set of tab keys owned by the draft, for one step (valid until the next call).</summary>
    public HashSet<TabKey> ScratchTabs()
    {
        _tabScratch.Clear();
        return _tabScratch;
    }

    /// <summary>An empty list of call moves owned by the draft, for one step (valid until the next call).</summary>
    public List<(CallState Call, TabKey? NewOwner)> ScratchMoves()
    {
        _moveScratch.Clear();
        return _moveScratch;
    }

    /// <summary>An empty set of console keys owned by the draft, for one step (valid until the next call).</summary>
    public HashSet<string> ScratchConsoles()
    {
        _consoleScratch.Clear();
        return _consoleScratch;
    }

    /// <summary>True when any call was in play before this event or was brought into play by it (the common no-call case costs nothing).</summary>
    public bool AnyCallInPlay => _state.ActiveCallIds.Count > 0 || _newCalls.Count > 0;

    public int ActiveCallCount
    {
        get
        {
            if (_newCalls.Count == 0)
                return _state.ActiveCallIds.Count;
            var count = 0;
            foreach (var _ in ActiveCalls())
                count++;
            return count;
        }
    }

    public void SaveCall(CallState call)
    {
        for (var i = 0; i < _newCalls.Count; i++)
        {
            if (_newCalls[i].CallId == call.CallId)
            {
                _newCalls[i] = call;
                return;
            }
        }
        if (_state.Calls.TryGetValue(call.CallId, out var before) && before.IsActive)
            _savedCalls[call.CallId] = call;
        else
            _newCalls.Add(call);
    }

    public void ForgetCall(string callId) => _forgottenCalls.Add(callId);

    /// <summary>Forgets the earliest ended call kept as a tombstone that this draft has not forgotten yet.</summary>
    public void ForgetEarliestTombstone() => _forgottenTombstones++;

    public void SetClickIntents(IReadOnlyList<ClickIntent> clicks) => _clicks = clicks;

    public void SetLastNavigation(RecordRef? record, string url) => _lastNavigation = new(record, url);

    public void SetAgentStatus(string? status) => _status = new(status);

    public void ClearConsole()
    {
        _consoleCleared = true;
        _savedTabs.Clear();
        _closedTabs.Clear();
        _tabsClosed = false;
        _focus.Clear();
        _clicks = [];
        _lastNavigation = new(null, string.Empty);
        _status = new(null);
    }

    public IReadOnlyList<CallSummary> CallSummaries()
    {
        if (!AnyCallInPlay)
            return [];
        var count = 0;
        foreach (var _ in CallsInPlay())
            count++;
        var summaries = new CallSummary[count];
        var i = 0;
        foreach (var call in CallsInPlay())
            summaries[i++] = Summary(call);
        return summaries;
    }

    public static CallSummary Summary(CallState call) =>
        new(call.CallId, call.State, call.OwnerTabId, call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole));

    public IReadOnlyList<SessionChange> Changes(SessionChanges.EventRecorded recorded)
    {
        var keepNavigation = _lastNavigation is not null && !_consoleCleared;
        var keepStatus = _status is not null && !_consoleCleared;
        var count = (_forgottenCalls.Count > 0 || _forgottenTombstones > 0 ? 1 : 0) + (_consoleCleared ? 1 : 0) + (_tabsClosed ? 1 : 0) + _savedTabs.Count + _focus.Count
            + _savedCalls.Count + _newCalls.Count + (_clicks is not null ? 1 : 0) + (keepNavigation ? 1 : 0) + (keepStatus ? 1 : 0) + 1;
        var changes = new SessionChange[count];
        var i = 0;
        if (_forgottenCalls.Count > 0 || _forgottenTombstones > 0)
            changes[i++] = new SessionChanges.CallsForgotten([.. _forgottenCalls], _forgottenTombstones);
        if (_consoleCleared)
            changes[i++] = new SessionChanges.ConsoleCleared();
        if (_tabsClosed)
            changes[i++] = new SessionChanges.TabsClosed([.. _closedTabs]);
        foreach (var tab in _savedTabs.Values)
            changes[i++] = new SessionChanges.TabSaved(tab);
        foreach (var (console, tabId) in _focus)
            changes[i++] = new SessionChanges.FocusChanged(console, tabId);
        foreach (var call in _savedCalls.Values)
            changes[i++] = new SessionChanges.CallSaved(call);
        foreach (var call in _newCalls)
            changes[i++] = new SessionChanges.CallSaved(call);
        if (_clicks is not null)
            changes[i++] = new SessionChanges.ClickIntentsChanged(_clicks);
        if (keepNavigation)
            changes[i++] = _lastNavigation!;
        if (keepStatus)
            changes[i++] = _status!;
        changes[i] = recorded;
        return changes;
    }

    /// <summary>Walks the open tabs of <see cref="OpenTabs"/>: the state's (less those the draft saved or closed), then the draft's.</summary>
    public struct OpenTabsEnumerator
    {
        private readonly SessionDraft _draft;
        private Dictionary<TabKey, TabState>.ValueCollection.Enumerator _before;
        private Dictionary<TabKey, TabState>.ValueCollection.Enumerator _saved;
        private bool _inSaved;

        internal OpenTabsEnumerator(SessionDraft draft)
        {
            _draft = draft;
            _before = draft._state.TabValues.GetEnumerator();
            _saved = draft._savedTabs.Values.GetEnumerator();
            _inSaved = draft._consoleCleared;
            Current = null!;
        }

        public TabState Current { get; private set; }

        public readonly OpenTabsEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (!_inSaved)
            {
                if (!_before.MoveNext())
                {
                    _inSaved = true;
                    break;
                }
                var tab = _before.Current;
                if ((_draft._savedTabs.Count > 0 && _draft._savedTabs.ContainsKey(tab.Key))
                    || (_draft._closedTabs.Count > 0 && _draft._closedTabs.Contains(tab.Key)))
                    continue;
                Current = tab;
                return true;
            }
            if (!_saved.MoveNext())
                return false;
            Current = _saved.Current;
            return true;
        }
    }

    /// <summary>Walks <see cref="CallsInPlay"/> (or only its active calls) by index, as the draft sees each call when reached.</summary>
    public struct CallsEnumerator
    {
        private readonly SessionDraft _draft;
        private readonly bool _activeOnly;
        private int _index;

        internal CallsEnumerator(SessionDraft draft, bool activeOnly)
        {
            _draft = draft;
            _activeOnly = activeOnly;
            _index = -1;
            Current = null!;
        }

        public CallState Current { get; private set; }

        public readonly CallsEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            var before = _draft._state.ActiveCallIds;
            var added = _draft._newCalls;
            while (++_index < before.Count + added.Count)
            {
                CallState call;
                if (_index < before.Count)
                {
                    var id = before[_index];
                    call = _draft._savedCalls.Count > 0 && _draft._savedCalls.TryGetValue(id, out var saved) ? saved : _draft._state.Calls[id];
                }
                else
                    call = added[_index - before.Count];
                if (_activeOnly && !call.IsActive)
                    continue;
                Current = call;
                return true;
            }
            return false;
        }
    }
}
