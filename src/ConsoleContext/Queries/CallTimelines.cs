using ConsoleContext.Persistence;
using ConsoleContext.Rules;

namespace ConsoleContext.Queries;

/// <summary>
/// The ownership timelines of a session's calls, built from the facts (<see cref="DecidedFact"/>) as they are applied,
/// live and in recovery alike, so every node that recovers the session answers the same. Bounded: a call keeps its
/// <see cref="MaxEntriesPerCall"/> latest entries, and its timeline goes when the rules forget the call (R11), so the
/// timelines are bounded by the calls a session keeps.
/// </summary>
public sealed class CallTimelines
{
    /// <summary>Entries kept per call; older ones are dropped first (a real call has fewer than ten).</summary>
    public const int MaxEntriesPerCall = 64;

    private readonly Dictionary<string, Queue<TimelineEntry>> _calls = new(StringComparer.Ordinal);

    /// <summary>The call's entries, oldest first; null when the session does not know the call.</summary>
    public IReadOnlyList<TimelineEntry>? Of(string callId) => _calls.TryGetValue(callId, out var entries) ? [.. entries] : null;

    /// <summary>Records what <paramref name="fact"/> changes; call it with the state before the fact's changes are applied.</summary>
    public void Record(SessionState before, DecidedFact fact)
    {
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
                    Add(call.CallId, new TimelineEntry(fact.Event.Header.At!.Value, fact.Event.EventId, call.State, call.OwnerTabId,
                        call.OwnerTabId is null ? null : TabKey.ReportedConsole(call.OwnerConsole), fact.Decision.Reason));
                    break;
                case SessionChanges.CallsForgotten { CallIds: var forgotten }:
                    foreach (var callId in forgotten)
                        _calls.Remove(callId);
                    break;
            }
        }
    }

    private void Add(string callId, TimelineEntry entry)
    {
        if (!_calls.TryGetValue(callId, out var entries))
            _calls[callId] = entries = new Queue<TimelineEntry>();
        entries.Enqueue(entry);
        if (entries.Count > MaxEntriesPerCall)
            entries.Dequeue();
    }

    /// <summary>Every call's timeline, for a snapshot.</summary>
    public IReadOnlyList<CallTimelineData> ToData() => [.. _calls.Select(c => new CallTimelineData(c.Key, [.. c.Value]))];

    /// <summary>The timelines of a snapshot (none for a snapshot written before timelines existed).</summary>
    public static CallTimelines FromData(IReadOnlyList<CallTimelineData>? data)
    {
        var timelines = new CallTimelines();
        foreach (var call in data ?? [])
            timelines._calls[call.CallId] = new Queue<TimelineEntry>(call.Entries.TakeLast(MaxEntriesPerCall));
        return timelines;
    }
}
