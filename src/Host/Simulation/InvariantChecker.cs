using ConsoleContext.Protocol;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Host.Simulation;

/// <summary>
/// Checks the spec's invariants on every decision of one session, from the events sent and the decisions
/// received only (never from the tracker's state): the decision answers its event, a fresh in-order valid
/// event is never duplicate/stale/rejected, a named tab is the decision's tab, a call is listed once, and
/// no active call is owned by a tab that is closed or was never opened.
/// </summary>
public sealed class InvariantChecker
{
    private readonly Dictionary<string, string?> _openTabs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);

    /// <summary>Returns the first violation the decision shows, or null.</summary>
    public string? Check(ConsoleEvent e, Decision d)
    {
        if (d.EventId != e.EventId || d.SessionId != e.SessionId || d.Type != e.Type)
            return $"decision {d.EventId}/{d.Type} answers event {e.EventId}/{e.Type}";
        if (d.Outcome is Outcomes.Duplicate or Outcomes.Stale or Outcomes.Rejected)
            return $"fresh in-order event {e.EventId} ({e.Type}) got {d.Outcome} {d.Reason} {d.Error}";
        if (e.NamedTabId is { } named && d.TabId != named)
            return $"event {e.EventId} names tab {named} but the decision is attributed to {d.TabId}";

        Track(e, d);

        _listed.Clear();
        foreach (var call in d.Calls)
        {
            if (!_listed.Add(call.CallId))
                return $"decision {e.EventId} lists call {call.CallId} twice";
            if (call.State != CallStates.Ended && call.OwnerTabId is { } owner && !_openTabs.ContainsKey(owner))
                return $"after {e.EventId} active call {call.CallId} is owned by {owner}, which is closed or unknown";
        }
        return null;
    }

    private void Track(ConsoleEvent e, Decision d)
    {
        if (d.Outcome != Outcomes.Applied && e is not TabFocused and not TabReplaced and not NavigationChanged)
            return;
        switch (e)
        {
            case TabCreated x:
                _openTabs[x.TabId] = x.ParentTabId;
                if (x.ParentTabId is { } parent)
                    _openTabs.TryAdd(parent, null);
                break;
            // R9: these create a tab the tracker did not know.
            case TabFocused { CurrentTabId: { } focused }:
                _openTabs.TryAdd(focused, null);
                break;
            case TabReplaced x:
                _openTabs.TryAdd(x.TabId, null);
                break;
            case NavigationChanged { TabId: { } tabId }:
                _openTabs.TryAdd(tabId, null);
                break;
            case TabClosed x:
                Close(x.TabId);
                break;
            case SessionEnded:
                _openTabs.Clear();
                break;
        }
    }

    private void Close(string tabId)
    {
        _openTabs.Remove(tabId);
        foreach (var child in _openTabs.Where(t => t.Value == tabId).Select(t => t.Key).ToList())
            Close(child);
    }
}
