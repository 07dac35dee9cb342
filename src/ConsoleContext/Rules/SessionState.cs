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
    private readonly List<string> _endedCallIds = [];
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
    /// <summary>Every remembered call, active or ended (an ended id answers later events with call-ended until forgotten, R11).</summary>
    public IReadOnlyDictionary<string, CallState> Calls => _calls;
    /// <summary>Active call ids in start order.</summary>
    public IReadOnlyList<string> ActiveCallIds => _activeCallIds;
    /// <summary>Ended call ids, earliest ended first.</summary>
    public IReadOnlyList<string> EndedCallIds => _endedCallIds;
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
        Streams, Clock, _seen.ToBytes());

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
        foreach (var mark in data.Streams)
            state._streams.Add((mark.StreamId, mark.Mark, mark.UsedTick));
        state._seen = EventIdMemory.FromBytes(data.SeenEventDigests, state.Settings.DedupeCapacity);
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
        // Usually the newest end; event times may arrive out of order, so keep the list sorted by end time.
        var i = _endedCallIds.Count;
        while (i > 0 && _calls[_endedCallIds[i - 1]].EndedAt > call.EndedAt)
            i--;
        _endedCallIds.Insert(i, call.CallId);
        // R11: at most MaxEndedCalls ended calls are remembered after any event, the earliest ended forgotten first.
        while (_endedCallIds.Count > Settings.MaxEndedCalls)
        {
            _calls.Remove(_endedCallIds[0]);
            _endedCallIds.RemoveAt(0);
        }
    }

    internal void ForgetCalls(IReadOnlyList<string> callIds)
    {
        for (var i = 0; i < callIds.Count; i++)
        {
            var id = callIds[i];
            if (_calls.Remove(id))
            {
                _endedCallIds.Remove(id);
                _activeCallIds.Remove(id);
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
