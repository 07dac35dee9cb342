using ConsoleContext.Protocol;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Host.Simulation;

/// <summary>
/// Synthetic but plausible console behaviour of one agent: opens, focuses and closes tabs and subtabs,
/// navigates, clicks to dial, takes inbound calls with a screen pop, holds and consults. Every event it
/// produces is fresh (new eventId) and in order (increasing seq), with an event time that moves on by a
/// human pace whatever the real send rate, so the rules' time windows behave as in a real console.
/// </summary>
public sealed class AgentScript
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Statuses = ["Available", "Busy", "Wrap-up", "Available"];

    private readonly Random _random;
    private readonly int _maxTabs;
    private readonly double _callShare;
    private readonly List<string> _primaries = [];
    private readonly Dictionary<string, List<string>> _subtabs = new(StringComparer.Ordinal);
    private readonly Queue<Func<ConsoleEvent>> _planned = new();
    private string? _focused;
    private long _seq;
    private DateTimeOffset _clock = Epoch;
    private int _tabCounter;
    private int _callCounter;
    private string? _callId;
    private string _callState = CallStates.Ended;
    private string? _consultId;

    public AgentScript(string sessionId, int maxTabs, double callShare, int seed)
    {
        SessionId = sessionId;
        _maxTabs = Math.Max(1, maxTabs);
        _callShare = Math.Clamp(callShare, 0, 1);
        _random = new Random(seed);
    }

    public string SessionId { get; }

    /// <summary>Tabs open in the agent's console as this script believes (primaries and subtabs).</summary>
    public int OpenTabs => _primaries.Count + _subtabs.Values.Sum(s => s.Count);

    public ConsoleEvent Next()
    {
        _seq++;
        _clock = _clock.AddMilliseconds(_random.Next(200, 1500));
        if (_planned.Count > 0)
            return _planned.Dequeue()();
        if (_primaries.Count == 0)
            return OpenPrimary(Record("001", "Account"));
        if (_random.NextDouble() < _callShare)
            return CallStep();
        return ConsoleStep();
    }

    private ConsoleEvent ConsoleStep()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 30 => Navigate(),
            < 50 => Focus(RandomTab()),
            < 62 when OpenTabs < _maxTabs => OpenPrimary(Record("500", "Case")),
            < 75 when OpenTabs < _maxTabs => OpenSubtab(_primaries[_random.Next(_primaries.Count)]),
            < 85 when OpenTabs > 1 => Close(RandomTab()),
            < 90 => new TabUpdated(Header(), RandomTab(), "Case " + _random.Next(10_000)),
            < 95 => new TabRefreshed(Header(), RandomTab()),
            < 97 => new TabReplaced(Header(), RandomTab(), Record("001", "Account"), "/lightning/r/Account/view"),
            < 98 => new AgentStatusChanged(Header(), Statuses[_random.Next(Statuses.Length)]),
            _ => Navigate(),
        };
    }

    private ConsoleEvent CallStep()
    {
        if (_callId is null)
            return _random.Next(2) == 0 ? InboundCall() : OutboundCall();
        if (_consultId is not null)
        {
            var consult = _consultId;
            _consultId = null;
            return new CallStateChanged(Header(), EventTypes.CallEnded, consult, "consulted");
        }
        switch (_callState)
        {
            case CallStates.Ringing:
                _callState = CallStates.Connected;
                return new CallStateChanged(Header(), EventTypes.CallConnected, _callId, null);
            case CallStates.Held:
                _callState = CallStates.Connected;
                return new CallStateChanged(Header(), EventTypes.CallResumed, _callId, null);
        }
        var roll = _random.Next(100);
        if (roll < 25)
        {
            _callState = CallStates.Held;
            return new CallStateChanged(Header(), EventTypes.CallHeld, _callId, null);
        }
        if (roll < 40)
        {
            _consultId = NewCallId();
            return new CallStarted(Header(), _consultId, "consult", Phone(), null, null, _callId, false);
        }
        var ended = _callId;
        _callId = null;
        _callState = CallStates.Ended;
        return new CallStateChanged(Header(), EventTypes.CallEnded, ended, "resolved");
    }

    /// <summary>The softphone rings with no record; the next event is its screen pop, then the agent looks at it.</summary>
    private ConsoleEvent InboundCall()
    {
        _callId = NewCallId();
        _callState = CallStates.Ringing;
        if (OpenTabs >= _maxTabs)
            _planned.Enqueue(() => Close(_primaries[0]));
        _planned.Enqueue(() => OpenPrimary(Record("003", "Contact")));
        _planned.Enqueue(() => Focus(_primaries[^1]));
        return new CallStarted(Header(), _callId, "inbound", Phone(), null, null, null, false);
    }

    /// <summary>The agent clicks a number in the focused tab; the softphone dials it.</summary>
    private ConsoleEvent OutboundCall()
    {
        var number = Phone();
        var tab = _focused ?? _primaries[0];
        var callId = NewCallId();
        _planned.Enqueue(() =>
        {
            _callId = callId;
            _callState = CallStates.Ringing;
            return new CallStarted(Header(), callId, "outbound", "+1" + number, null, null, null, false);
        });
        return new ClickToDial(Header(), number, Record("003", "Contact"), tab);
    }

    private ConsoleEvent Navigate()
    {
        var record = Record("500", "Case");
        var tabId = _random.Next(2) == 0 ? _focused : null;
        return new NavigationChanged(Header(), "/lightning/r/Case/" + record.RecordId + "/view", record, tabId);
    }

    private ConsoleEvent OpenPrimary(RecordRef record)
    {
        var tabId = "ctab" + _tabCounter++;
        _primaries.Add(tabId);
        _subtabs[tabId] = [];
        return new TabCreated(Header(), tabId, null, record, "/lightning/r/" + record.ObjectType + "/" + record.RecordId + "/view");
    }

    private ConsoleEvent OpenSubtab(string primary)
    {
        var tabId = primary + "_" + _tabCounter++;
        _subtabs[primary].Add(tabId);
        return new TabCreated(Header(), tabId, primary, Record("003", "Contact"), null);
    }

    private ConsoleEvent Focus(string tabId)
    {
        _focused = tabId;
        return new TabFocused(Header(), tabId, null);
    }

    private ConsoleEvent Close(string tabId)
    {
        Forget(tabId);
        return new TabClosed(Header(), tabId);
    }

    private void Forget(string tabId)
    {
        if (_subtabs.Remove(tabId, out _))
            _primaries.Remove(tabId);
        else
        {
            foreach (var subs in _subtabs.Values)
                subs.Remove(tabId);
        }
        if (_focused is not null && !IsOpen(_focused))
            _focused = null;
    }

    private bool IsOpen(string tabId) => _subtabs.ContainsKey(tabId) || _subtabs.Values.Any(s => s.Contains(tabId));

    private string RandomTab()
    {
        var primary = _primaries[_random.Next(_primaries.Count)];
        var subs = _subtabs[primary];
        return subs.Count == 0 || _random.Next(2) == 0 ? primary : subs[_random.Next(subs.Count)];
    }

    private EventHeader Header() => new(SessionId + "-" + _seq, SessionId, _seq, _clock);

    private string NewCallId() => SessionId + "-call-" + _callCounter++;

    private string Phone() => "555" + _random.Next(1_000_000, 9_999_999);

    private RecordRef Record(string prefix, string objectType) =>
        new(prefix + _random.Next(100_000_000, 999_999_999).ToString("D12"), objectType, null);
}
