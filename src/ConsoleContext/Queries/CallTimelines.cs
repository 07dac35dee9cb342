using ConsoleContext.Persistence;
using ConsoleContext.Rules;

namespace ConsoleContext.Queries;

/// <summary>
/// The ownership timelines of a session's calls, built from the facts (<see cref="DecidedFact"/>) as they are applied,
/// live and in recovery alike, so every node that recovers the session answers the same. Bounded: a call keeps its
/// <see cref="MaxEntriesPerCall"/> latest entries; the timelines kept are those of the active calls (at most
/// <c>limits.active-calls</c>) and of the <c>ended-calls-in-full</c> calls that ended last, the calls the state keeps in
/// full; and a timeline goes when the state no longer keeps its call in full (R11: retention, the ended-calls limit, or the
/// call kept as a tombstone, which the state applies without a change of its own).
/// </summary>
public sealed class CallTimelines
{
    /// <summary>Entries kept per call; older ones are dropped first (a real call has fewer than ten).</summary>
    public const int MaxEntriesPerCall = 64;

    private readonly Dictionary<string, Queue<TimelineEntry>> _calls = new(StringComparer.Ordinal);
    // Calls whose latest entry is "ended", in the order they ended.
    private readonly List<string> _ended = [];

    /// <summary>The call's entries, oldest first; null when the session (<paramref name="current"/>) does not know the call.</summary>
    public IReadOnlyList<TimelineEntry>? Of(string callId, SessionState current) =>
        current.Calls.ContainsKey(callId) && _calls.TryGetValue(callId, out var entries) ? [.. entries] : null;

    /// <summary>Records what <paramref name="fact"/> changes; call it with the state before the fact's changes are applied.</summary>
    public void Record(SessionState before, DecidedFact fact)
    {
        // Every timeline's call was in the state once; more timelines than calls means the state forgot some.
        if (_calls.Count > before.Calls.Count)
            Prune(before);
        Dictionary<string, CallState>? seen = null;
        foreach (var change in fact.Changes)
        {
            switch (change)
            {
                case SessionChanges.CallSaved { Call: var call }:
                    var previous = seen?.GetValueOrDefault(call.CallId) ?? before.Calls.GetValueOrDefault(call.CallId);
                    (seen ??= new(StringComparer.Ordinal))[call.CallId] = call;
                    if (previous is not null && previous.State == call.State && previous.OwnerTabId == call.OwnerTabId
                        && previous.OwnerConsole == call.OwnerConsole)
                        break;
                    Add(before.Settings.EndedCallsInFull, call.CallId, new TimelineEntry(fact.Event.Header.At!.Value, fact.Event.EventId, call.State, call.OwnerTabId,
                        call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole), fact.Decision.Reason));
                    break;
                case SessionChanges.CallsForgotten { CallIds: var forgotten }:
                    foreach (var callId in forgotten)
                        Forget(callId);
                    break;
            }
        }
    }

    /// <param name="endedKept">Ended calls whose timelines are kept, the latest ends (the state's ended-calls-in-full).</param>
    private void Add(int endedKept, string callId, TimelineEntry entry)
    {
        if (!_calls.TryGetValue(callId, out var entries))
            _calls[callId] = entries = new Queue<TimelineEntry>();
        entries.Enqueue(entry);
        if (entries.Count > MaxEntriesPerCall)
            entries.Dequeue();
        _ended.Remove(callId);
        if (entry.State != Protocol.CallStates.Ended)
            return;
        _ended.Add(callId);
        while (_ended.Count > endedKept)
            Forget(_ended[0]);
    }

    private void Prune(SessionState current)
    {
        foreach (var callId in _calls.Keys.Where(id => !current.Calls.ContainsKey(id)).ToList())
            Forget(callId);
    }

    private void Forget(string callId)
    {
        _calls.Remove(callId);
        _ended.Remove(callId);
    }

    /// <summary>The timelines of the calls <paramref name="current"/> knows, for a snapshot.</summary>
    public IReadOnlyList<CallTimelineData> ToData(SessionState current)
    {
        Prune(current);
        // Active calls first, then ended ones in the order they ended: FromData restores that order.
        return [.. _calls.Where(c => !_ended.Contains(c.Key)).Concat(_ended.Select(id => KeyValuePair.Create(id, _calls[id])))
            .Select(c => new CallTimelineData(c.Key, [.. c.Value]))];
    }

    /// <summary>The timelines of a snapshot (none for a snapshot written before timelines existed).</summary>
    public static CallTimelines FromData(IReadOnlyList<CallTimelineData>? data)
    {
        var timelines = new CallTimelines();
        foreach (var call in data ?? [])
        {
            timelines._calls[call.CallId] = new Queue<TimelineEntry>(call.Entries.TakeLast(MaxEntriesPerCall));
            if (call.Entries.Count > 0 && call.Entries[^1].State == Protocol.CallStates.Ended)
                timelines._ended.Add(call.CallId);
        }
        return timelines;
    }
}
