using ConsoleContext.Persistence;
using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>
/// The model of one agent session: each console's tab tree and focus, calls, click intents, the dedupe memory and
/// the streams' seq marks. Only <see cref="OwnershipRules.Apply(SessionState, SessionChange)"/> changes it (in place,
/// for speed); <see cref="OwnershipRules.Decide"/> only reads it. Bounded by R11: nothing in it grows with history.
/// </summary>
public sealed class SessionState
{
    private readonly Dictionary<TabKey, TabState> _tabs = [];
    private readonly Dictionary<string, int> _tabsPerConsole = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _focus = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallState> _calls = new(StringComparer.Ordinal);
    private readonly List<string> _activeCallIds = [];
    // Ended calls kept in full (the ended-calls-in-full that ended last), earliest ended first; earlier ones are tombstones.
    private readonly List<string> _endedCallIds = [];
    private EndedCallTombstones _tombstones = new();
    // Seq marks as values, updated in place: raising a mark on every event allocates nothing.
    private readonly List<(string StreamId, long Mark, long UsedTick)> _streams = [];
    private EventIdMemory _seen;

    public SessionState(string sessionId, OwnershipSettings? settings = null)
    {
        SessionId = sessionId;
        Settings = settings ?? OwnershipSettings.Default;
        _seen = new EventIdMemory(Settings.DedupeCapacity);
    }

    public string SessionId { get; }
    public OwnershipSettings Settings { get; }
    /// <summary>Every open tab of every console.</summary>
    public IReadOnlyDictionary<TabKey, TabState> Tabs => _tabs;
    /// <summary>Each console's focused tab (consoles without one are absent).</summary>
    public IReadOnlyDictionary<string, string> Focus => _focus;
    /// <summary>Consoles with at least one open tab, and how many tabs each has open.</summary>
    public IReadOnlyDictionary<string, int> TabsPerConsole => _tabsPerConsole;
    /// <summary>
    /// The calls kept in full: every active call and the <see cref="OwnershipSettings.EndedCallsInFull"/> that ended last.
    /// Earlier ended calls are <see cref="EndedTombstones"/> (see <see cref="RememberedCall"/>).
    /// </summary>
    public IReadOnlyDictionary<string, CallState> Calls => _calls;
    /// <summary>Active call ids in start order.</summary>
    public IReadOnlyList<string> ActiveCallIds => _activeCallIds;
    /// <summary>Ended call ids kept in full, earliest ended first; every tombstone ended no later than the first of them.</summary>
    public IReadOnlyList<string> EndedCallIds => _endedCallIds;
    /// <summary>The ended calls remembered beyond those kept in full: digest and end only, earliest ended first.</summary>
    public EndedCallTombstones EndedTombstones => _tombstones;
    /// <summary>Every remembered ended call, in full or as a tombstone (at most <see cref="OwnershipSettings.MaxEndedCalls"/>).</summary>
    public int EndedCallCount => _tombstones.Count + _endedCallIds.Count;
    /// <summary>
    /// When set, collects the callId digest of every ended call the <see cref="OwnershipSettings.MaxEndedCalls"/> bound drops while a
    /// call's end is applied (R11): the session actor sets it around its live decisions so the dropped calls' entries are forgotten too.
    /// </summary>
    internal List<ulong>? DroppedEndedCalls { get; set; }
    /// <summary>The seq marks of the most recently used streams (R8, R11).</summary>
    public IReadOnlyList<StreamMark> Streams
    {
        get
        {
            var marks = new StreamMark[_streams.Count];
            for (var i = 0; i < marks.Length; i++)
                marks[i] = new StreamMark(_streams[i].StreamId, _streams[i].Mark, _streams[i].UsedTick);
            return marks;
        }
    }
    public RecordRef? LastNavigationRecord { get; private set; }
    public string? LastNavigationUrl { get; private set; }
    public IReadOnlyList<ClickIntent> ClickIntents { get; private set; } = [];
    public string? AgentStatus { get; private set; }
    /// <summary>Session clock: one tick per accepted event; orders creations and focus changes across consoles.</summary>
    public long Clock { get; private set; }
    /// <summary>How many eventIds the dedupe memory holds (at most <see cref="OwnershipSettings.DedupeCapacity"/>).</summary>
    public int SeenEventCount => _seen.Count;

    public bool HasSeen(string eventId) => _seen.Contains(eventId);

    /// <summary>
    /// The call as the rules know it: in full when <see cref="Calls"/> holds it; for an ended call kept as a tombstone, a
    /// stand-in that says only that it ended and when (R6, R11 read no more of an old ended call); null when not remembered.
    /// </summary>
    /// <param name="forgottenTombstones">How many of the earliest tombstones to treat as already forgotten (a draft's R11 pass).</param>
    public CallState? RememberedCall(string callId, int forgottenTombstones = 0)
    {
        if (_calls.TryGetValue(callId, out var call))
            return call;
        if (_tombstones.Count <= forgottenTombstones)
            return null;
        var i = _tombstones.IndexOf(EndedCallTombstones.Digest(callId));
        return i < forgottenTombstones ? null : CallState.Tombstone(callId, _tombstones.EndedAt(i));
    }

    /// <summary>The stream's seq mark; null when the session does not remember the stream (no event of it is stale).</summary>
    public long? SeqMarkOf(string stream)
    {
        foreach (var s in _streams)
        {
            if (s.StreamId == stream)
                return s.Mark;
        }
        return null;
    }

    /// <summary>The default console's focused tab.</summary>
    public string? FocusedTabId => FocusedTab(TabKey.DefaultConsole);

    public string? FocusedTab(string console) => _focus.GetValueOrDefault(console);

    public TabState? Tab(TabKey key) => _tabs.GetValueOrDefault(key);

    /// <summary>The open tabs as the dictionary's own value collection, so the rules walk them without allocating.</summary>
    internal Dictionary<TabKey, TabState>.ValueCollection TabValues => _tabs.Values;

    /// <summary>The tab that heads the tab's tree (the tab itself when primary); null when the tab is not open.</summary>
    public TabKey? PrimaryOf(TabKey key) => TabTree.PrimaryOf(key, _tabs.GetValueOrDefault);

    public SessionStateData ToData() => new(SessionId, [.. _tabs.Values], [.. _focus.Select(f => new ConsoleFocus(f.Key, f.Value))],
        [.. _calls.Values], [.. _activeCallIds], [.. _endedCallIds], LastNavigationRecord, LastNavigationUrl, ClickIntents, AgentStatus,
        Streams, Clock, _seen.ToBytes(),
        _seen.RunCount > 0 ? _seen.Runs() : null, _tombstones.Count > 0 ? _tombstones.ToBytes() : null);

    public static SessionState FromData(SessionStateData data, OwnershipSettings? settings = null)
    {
        var state = new SessionState(data.SessionId, settings)
        {
            LastNavigationRecord = data.LastNavigationRecord,
            LastNavigationUrl = data.LastNavigationUrl,
            ClickIntents = data.ClickIntents,
            AgentStatus = data.AgentStatus,
            Clock = data.Clock,
        };
        foreach (var tab in data.Tabs)
            state.SaveTab(tab);
        foreach (var focus in data.Focus)
            state._focus[focus.Console] = focus.TabId;
        foreach (var call in data.Calls)
            state._calls[call.CallId] = call;
        state._activeCallIds.AddRange(data.ActiveCallIds);
        state._endedCallIds.AddRange(data.EndedCallIds);
        state._tombstones = EndedCallTombstones.FromBytes(data.EndedCallTombstones);
        // A snapshot written before tombstones (or with a larger ended-calls-in-full) holds more ended calls in full.
        state.DemoteEarliestEnded();
        foreach (var mark in data.Streams)
            state._streams.Add((mark.StreamId, mark.Mark, mark.UsedTick));
        state._seen = EventIdMemory.FromBytes(data.SeenEventDigests, state.Settings.DedupeCapacity, data.SeenEventRuns);
        return state;
    }

    internal void RecordEvent(SessionChanges.EventRecorded change)
    {
        _seen.Add(change.EventId);
        if (change.Seq is { } seq)
            UseStream(change.Stream, seq, change.Tick);
        Clock = change.Tick;
    }

    private void UseStream(string stream, long seq, long tick)
    {
        for (var i = 0; i < _streams.Count; i++)
        {
            if (_streams[i].StreamId == stream)
            {
                _streams[i] = (stream, Math.Max(seq, _streams[i].Mark), tick);
                return;
            }
        }
        if (_streams.Count >= Settings.MaxStreams)
        {
            var leastRecent = 0;
            for (var j = 1; j < _streams.Count; j++)
            {
                if (_streams[j].UsedTick < _streams[leastRecent].UsedTick)
                    leastRecent = j;
            }
            _streams.RemoveAt(leastRecent);
        }
        _streams.Add((stream, seq, tick));
    }

    internal void SaveTab(TabState tab)
    {
        if (_tabs.TryAdd(tab.Key, tab))
            _tabsPerConsole[tab.Console] = _tabsPerConsole.GetValueOrDefault(tab.Console) + 1;
        else
            _tabs[tab.Key] = tab;
    }

    internal void CloseTabs(IReadOnlyList<TabKey> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            if (!_tabs.Remove(key))
                continue;
            var left = _tabsPerConsole[key.Console] - 1;
            if (left == 0)
                _tabsPerConsole.Remove(key.Console);
            else
                _tabsPerConsole[key.Console] = left;
        }
    }

    internal void SetFocus(string console, string? tabId)
    {
        if (tabId is null)
            _focus.Remove(console);
        else
            _focus[console] = tabId;
    }

    internal void SaveCall(CallState call)
    {
        var wasActive = _calls.TryGetValue(call.CallId, out var before) && before.IsActive;
        var known = before is not null;
        if (!known && _tombstones.Count > 0 && _tombstones.IndexOf(EndedCallTombstones.Digest(call.CallId)) is >= 0 and var tombstone)
            _tombstones.RemoveAt(tombstone); // a new life (R6): the call is in full again
        _calls[call.CallId] = call;
        if (call.IsActive && !wasActive)
        {
            if (known)
                _endedCallIds.Remove(call.CallId);
            _activeCallIds.Add(call.CallId);
        }
        else if (!call.IsActive && (wasActive || !known))
        {
            _activeCallIds.Remove(call.CallId);
            InsertEnded(call);
        }
    }

    private void InsertEnded(CallState call)
    {
        var endedAt = call.EndedAt ?? call.StartedAt;
        if (_tombstones.AnyEndedAfter(endedAt))
        {
            // An end earlier than the last tombstone's (event times out of order): it sorts among the tombstones.
            _calls.Remove(call.CallId);
            _tombstones.Add(EndedCallTombstones.Digest(call.CallId), endedAt);
        }
        else
        {
            // Usually the newest end; event times may arrive out of order, so keep the list sorted by end time.
            var i = _endedCallIds.Count;
            while (i > 0 && EndOf(_endedCallIds[i - 1]) > endedAt)
                i--;
            _endedCallIds.Insert(i, call.CallId);
            DemoteEarliestEnded();
        }
        // R11: at most MaxEndedCalls ended calls are remembered after any event, the earliest ended forgotten first.
        while (EndedCallCount > Settings.MaxEndedCalls)
        {
            if (_tombstones.Count > 0)
            {
                DroppedEndedCalls?.Add(_tombstones.DigestAt(0));
                _tombstones.RemoveFirst(1);
                continue;
            }
            DroppedEndedCalls?.Add(EndedCallTombstones.Digest(_endedCallIds[0]));
            _calls.Remove(_endedCallIds[0]);
            _endedCallIds.RemoveAt(0);
        }
    }

    private DateTimeOffset EndOf(string endedCallId)
    {
        var call = _calls[endedCallId];
        return call.EndedAt ?? call.StartedAt;
    }

    /// <summary>Beyond the ended-calls-in-full that ended last, an ended call keeps only its digest and end (R11, a tombstone).</summary>
    private void DemoteEarliestEnded()
    {
        var over = _endedCallIds.Count - Math.Max(0, Settings.EndedCallsInFull);
        if (over <= 0)
            return;
        for (var i = 0; i < over; i++)
        {
            var id = _endedCallIds[i];
            _tombstones.Add(EndedCallTombstones.Digest(id), EndOf(id));
            _calls.Remove(id);
        }
        _endedCallIds.RemoveRange(0, over);
    }

    internal void ForgetCalls(IReadOnlyList<string> callIds, int earliestTombstones)
    {
        _tombstones.RemoveFirst(earliestTombstones);
        for (var i = 0; i < callIds.Count; i++)
        {
            var id = callIds[i];
            if (_calls.Remove(id))
            {
                _endedCallIds.Remove(id);
                _activeCallIds.Remove(id);
            }
            else if (_tombstones.IndexOf(EndedCallTombstones.Digest(id)) is >= 0 and var tombstone)
            {
                _tombstones.RemoveAt(tombstone);
            }
        }
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
        _tabsPerConsole.Clear();
        _focus.Clear();
        ClickIntents = [];
        LastNavigationRecord = null;
        LastNavigationUrl = null;
        AgentStatus = null;
    }
}
