using ConsoleContext.Protocol;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Rules;

/// <summary>
/// The ownership rules R1-R10 as two functions: <see cref="Decide"/> reads a session and an event and
/// returns the decision with the changes it implies; <see cref="Apply(SessionState, SessionChange)"/>
/// makes a change true. No actors, no clocks, no I/O: time comes in with the call.
/// Decide is virtual only so that tests can inject a fault into a live session.
/// </summary>
public class OwnershipRules(OwnershipSettings settings)
{
    public static readonly OwnershipRules Default = new(OwnershipSettings.Default);

    private static readonly IReadOnlyList<SessionChange> NoChanges = [];

    public OwnershipSettings Settings => settings;

    /// <param name="arrivedAt">Arrival time; used for the time windows only when the event has no <c>at</c>.</param>
    public virtual Ruling Decide(SessionState state, ConsoleEvent e, DateTimeOffset arrivedAt)
    {
        var attributedTab = AttributedTab(state.FocusedTabId, e);
        if (state.HasSeen(e.EventId))
            return Unchanged(state, e, attributedTab, Outcomes.Duplicate, null);
        if (e.Header.Seq is { } seq && seq <= state.SeqMark)
            return Unchanged(state, e, attributedTab, Outcomes.Stale, null);

        var tick = state.Clock + 1;
        var draft = new SessionDraft(state, tick, e.Header.At ?? arrivedAt);
        (string Outcome, string? Reason, string? Error) verdict = e switch
        {
            TabCreated x => OnTabCreated(draft, x),
            TabFocused x => OnTabFocused(draft, x),
            TabClosed x => OnTabClosed(draft, x),
            TabReplaced x => OnTabNavigated(draft, x.TabId, x.Record, x.Url),
            TabRefreshed x => draft.IsOpen(x.TabId) ? Gate(draft, x.TabId) : Ignored(Reasons.UnknownTab),
            TabUpdated x => OnTabUpdated(draft, x),
            NavigationChanged x => OnNavigationChanged(draft, x),
            ClickToDial x => OnClickToDial(draft, x),
            CallStarted x => OnCallStarted(draft, x),
            CallStateChanged x => OnCallStateChanged(draft, x),
            CallClaimed x => OnCallClaimed(draft, x),
            ConsoleEvents.AgentStatusChanged x => OnAgentStatusChanged(draft, x),
            SessionEnded => OnSessionEnded(draft),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Type, "no rule handles this event type"),
        };

        if (verdict.Outcome == Outcomes.Rejected)
            return new Ruling(Decision.Rejected(e.EventId, e.SessionId, e.Type, verdict.Reason!, verdict.Error!), NoChanges);

        var decision = new Decision(e.EventId, e.SessionId, e.Type, e.Header.ConsoleId, attributedTab, verdict.Outcome, verdict.Reason, draft.CallSummaries());
        return new Ruling(decision, draft.Changes(new SessionChanges.EventRecorded(e.EventId, e.Header.Seq, tick)));
    }

    public static SessionState Apply(SessionState state, IReadOnlyList<SessionChange> changes)
    {
        for (var i = 0; i < changes.Count; i++)
            Apply(state, changes[i]);
        return state;
    }

    public static SessionState Apply(SessionState state, SessionChange change)
    {
        switch (change)
        {
            case SessionChanges.EventRecorded x: state.RecordEvent(x); break;
            case SessionChanges.TabSaved x: state.SaveTab(x.Tab); break;
            case SessionChanges.TabsClosed x: state.CloseTabs(x.TabIds); break;
            case SessionChanges.FocusChanged x: state.SetFocus(x.TabId); break;
            case SessionChanges.CallSaved x: state.SaveCall(x.Call); break;
            case SessionChanges.ClickIntentsChanged x: state.SetClickIntents(x.Clicks); break;
            case SessionChanges.LastNavigationChanged x: state.SetLastNavigation(x.Record, x.Url); break;
            case SessionChanges.AgentStatusChanged x: state.SetAgentStatus(x.Status); break;
            case SessionChanges.ConsoleCleared: state.ClearConsole(); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown session change");
        }
        return state;
    }

    /// <summary>The decision's tabId: the tab the event names, else (navigation and click-to-dial) the focused tab.</summary>
    private static string? AttributedTab(string? focusedTabId, ConsoleEvent e) => e switch
    {
        NavigationChanged or ClickToDial => e.NamedTabId ?? focusedTabId,
        _ => e.NamedTabId,
    };

    private static Ruling Unchanged(SessionState state, ConsoleEvent e, string? tabId, string outcome, string? reason)
    {
        var calls = new List<CallSummary>(state.ActiveCallIds.Count);
        foreach (var id in state.ActiveCallIds)
        {
            var call = state.Calls[id];
            calls.Add(new CallSummary(call.CallId, call.State, call.OwnerTabId));
        }
        return new Ruling(new Decision(e.EventId, e.SessionId, e.Type, e.Header.ConsoleId, tabId, outcome, reason, calls), NoChanges);
    }

    private static (string, string?, string?) Applied(string? reason = null) => (Outcomes.Applied, reason, null);
    private static (string, string?, string?) Ignored(string reason) => (Outcomes.Ignored, reason, null);
    private static (string, string?, string?) Rejected(string error) => (Outcomes.Rejected, Reasons.InvalidEvent, error);

    private (string, string?, string?) OnTabCreated(SessionDraft d, TabCreated e)
    {
        if (e.ParentTabId is { } parentId)
        {
            if (d.IsSelfOrDescendant(parentId, e.TabId))
                return Rejected($"parentTabId \"{parentId}\" would make tab \"{e.TabId}\" its own ancestor");
            if (!d.IsOpen(parentId))
                d.SaveTab(NewTab(d, parentId, null, null, null));
        }
        // Re-creating an open tab leaves the session's focus on it, so it stays as recently focused as it was (R1 rule 4).
        d.SaveTab(NewTab(d, e.TabId, e.ParentTabId, e.Record, e.Url) with { FocusedTick = d.Tab(e.TabId)?.FocusedTick ?? 0 });
        var reason = BindPendingCalls(d, e.TabId, e.Record, allowScreenPop: true);
        RelateToWorkspaceCalls(d, e.TabId, e.Record);
        return Applied(reason);
    }

    private static (string, string?, string?) OnTabFocused(SessionDraft d, TabFocused e)
    {
        if (e.CurrentTabId is null)
        {
            d.SetFocus(null);
            return Ignored(Reasons.NoFocusedTab);
        }
        var tab = d.Tab(e.CurrentTabId) ?? NewTab(d, e.CurrentTabId, null, null, null);
        d.SaveTab(tab with { FocusedTick = d.Tick });
        d.SetFocus(e.CurrentTabId);
        return Gate(d, e.CurrentTabId);
    }

    private static (string, string?, string?) OnTabClosed(SessionDraft d, TabClosed e)
    {
        if (!d.IsOpen(e.TabId))
            return Ignored(Reasons.UnknownTab);

        var closing = d.OpenTabs().Where(t => d.IsSelfOrDescendant(t.TabId, e.TabId)).Select(t => t.TabId).ToHashSet(StringComparer.Ordinal);
        var moves = new List<(CallState Call, string? NewOwner)>();
        foreach (var call in d.ActiveCalls())
        {
            if (call.OwnerTabId is not { } owner || !closing.Contains(owner))
                continue;
            var primary = d.PrimaryOf(owner);
            moves.Add((call, primary is not null && !closing.Contains(primary) ? primary : null));
        }

        d.CloseTabs(closing);
        if (d.FocusedTabId is { } focused && closing.Contains(focused))
            d.SetFocus(null);
        foreach (var (call, newOwner) in moves)
        {
            if (newOwner is null)
                d.SaveCall(call with { OwnerTabId = null });
            else
                Bind(d, call, newOwner);
        }
        return Applied(moves.Count > 0 ? Reasons.OwnerClosed : null);
    }

    /// <summary>tabReplaced, and navigationChanged once attributed: update the tab's record, then bind or gate (R3).</summary>
    private (string, string?, string?) OnTabNavigated(SessionDraft d, string tabId, RecordRef? record, string? url)
    {
        var tab = d.Tab(tabId) ?? NewTab(d, tabId, null, null, null);
        d.SaveTab(tab with { Record = record, Url = url });
        var reason = BindPendingCalls(d, tabId, record, allowScreenPop: false);
        RelateToWorkspaceCalls(d, tabId, record);
        return reason is null ? Gate(d, tabId) : Applied(reason);
    }

    private static (string, string?, string?) OnTabUpdated(SessionDraft d, TabUpdated e)
    {
        var tab = d.Tab(e.TabId);
        if (tab is null)
            return Ignored(Reasons.UnknownTab);
        d.SaveTab(tab with { Title = e.Title });
        return Applied();
    }

    private (string, string?, string?) OnNavigationChanged(SessionDraft d, NavigationChanged e)
    {
        d.SetLastNavigation(e.Record, e.Url);
        var tabId = e.TabId ?? d.FocusedTabId;
        return tabId is null ? Ignored(Reasons.NoFocusedTab) : OnTabNavigated(d, tabId, e.Record, e.Url);
    }

    private (string, string?, string?) OnClickToDial(SessionDraft d, ClickToDial e)
    {
        var tabId = e.TabId ?? d.FocusedTabId;
        if (tabId is null)
            return Ignored(Reasons.NoFocusedTab);
        // A click on a tab the session does not know cannot bind later (R1 needs the tab open then), so it is not kept.
        if (d.Tab(tabId) is { } tab)
        {
            var forgetBefore = d.Now - settings.ClickToDialWindow;
            var kept = d.ClickIntents.Where(c => c.At >= forgetBefore).TakeLast(settings.MaxClickIntents - 1);
            d.SetClickIntents([.. kept, new ClickIntent(PhoneNumbers.Digits(e.Number), tabId, tab.Incarnation, d.Now, e.Record)]);
        }
        return Applied();
    }

    private (string, string?, string?) OnCallStarted(SessionDraft d, CallStarted e)
    {
        if (d.Call(e.CallId) is { } existing)
            return existing.IsActive ? (Outcomes.Duplicate, Reasons.ReplayedCall, null) : Ignored(Reasons.CallEnded);

        var call = new CallState(e.CallId, e.CallType, CallStates.Ringing, null, e.PhoneNumber, e.Record, e.ParentCallId,
            [], EverOwned: false, d.Now, d.Tick);

        string reason;
        if (e.TabId is { } tabId && d.IsOpen(tabId))
        {
            call = call.WithRelated(e.Record);
            reason = Reasons.BoundByTab;
            Bind(d, call, tabId);
        }
        else if (FindClick(d, e.PhoneNumber) is { } click)
        {
            call = call.WithRelated(click.Record).WithRelated(e.Record);
            reason = Reasons.BoundByClickToDial;
            Bind(d, call, click.TabId);
        }
        else if (e.ParentCallId is { } parentId && d.Call(parentId) is { IsActive: true, OwnerTabId: { } parentOwner })
        {
            call = call.WithRelated(e.Record);
            reason = Reasons.BoundByParentCall;
            Bind(d, call, parentOwner);
        }
        else if (e.Record is { } record && BestTabShowing(d, record.RecordId) is { } recordTab)
        {
            call = call.WithRelated(record);
            reason = Reasons.BoundByRecord;
            Bind(d, call, recordTab.TabId);
        }
        else
        {
            reason = Reasons.PendingOwner;
            d.SaveCall(call.WithRelated(e.Record));
        }
        return Applied(reason);
    }

    private static (string, string?, string?) OnCallStateChanged(SessionDraft d, CallStateChanged e)
    {
        var call = d.Call(e.CallId);
        if (call is null)
            return Ignored(Reasons.UnknownCall);
        if (!call.IsActive)
            return Ignored(Reasons.CallEnded);
        var newState = e.EventType switch
        {
            EventTypes.CallHeld => CallStates.Held,
            EventTypes.CallEnded => CallStates.Ended,
            _ => CallStates.Connected,
        };
        d.SaveCall(call with { State = newState });
        return Applied();
    }

    private static (string, string?, string?) OnCallClaimed(SessionDraft d, CallClaimed e)
    {
        var call = d.Call(e.CallId);
        if (call is null)
            return Ignored(Reasons.UnknownCall);
        if (!call.IsActive)
            return Ignored(Reasons.CallEnded);
        if (!d.IsOpen(e.TabId))
            return Ignored(Reasons.UnknownTab);
        Bind(d, call, e.TabId);
        return Applied(Reasons.BoundByClaim);
    }

    private static (string, string?, string?) OnAgentStatusChanged(SessionDraft d, ConsoleEvents.AgentStatusChanged e)
    {
        d.SetAgentStatus(e.Status);
        return Applied();
    }

    private static (string, string?, string?) OnSessionEnded(SessionDraft d)
    {
        foreach (var call in d.ActiveCalls().ToList())
            d.SaveCall(call with { State = CallStates.Ended });
        d.ClearConsole();
        return Applied();
    }

    /// <summary>R3 and R4: does the tab lie in the workspace of an active call?</summary>
    private static (string, string?, string?) Gate(SessionDraft d, string tabId)
    {
        if (!d.AnyCallInPlay)
            return Ignored(Reasons.NoActiveCall);
        var anyActive = false;
        var primary = d.PrimaryOf(tabId);
        foreach (var call in d.ActiveCalls())
        {
            anyActive = true;
            if (call.OwnerTabId is { } owner && d.PrimaryOf(owner) == primary)
                return Applied();
        }
        return Ignored(anyActive ? Reasons.NotCallActiveTab : Reasons.NoActiveCall);
    }

    /// <summary>The pending rules of R1 for an event that creates, replaces or navigates a tab; returns the binding reason, if any.</summary>
    private string? BindPendingCalls(SessionDraft d, string tabId, RecordRef? record, bool allowScreenPop)
    {
        if (!d.AnyCallInPlay)
            return null;
        var pending = d.ActiveCalls().Where(c => c.OwnerTabId is null).ToList();
        if (pending.Count == 0)
            return null;

        if (record is not null)
        {
            var byRecord = pending.Where(c => c.IsRelatedTo(record.RecordId)).ToList();
            foreach (var call in byRecord)
                Bind(d, call, tabId);
            if (byRecord.Count > 0)
                return Reasons.BoundByRecord;
        }

        if (allowScreenPop)
        {
            // One screen pop per call: the oldest call still waiting for its pop gets this tab.
            var popped = pending.FirstOrDefault(c => !c.EverOwned && c.Record is null && Within(d.Now - c.StartedAt, settings.ScreenPopWindow));
            if (popped is not null)
            {
                Bind(d, popped, tabId);
                return Reasons.BoundByScreenPop;
            }
        }
        return null;
    }

    /// <summary>Adds the tab's record to every active call whose workspace holds the tab (R3).</summary>
    private static void RelateToWorkspaceCalls(SessionDraft d, string tabId, RecordRef? record)
    {
        if (record is null || !d.AnyCallInPlay)
            return;
        var primary = d.PrimaryOf(tabId);
        foreach (var call in d.ActiveCalls().ToList())
        {
            if (call.OwnerTabId is { } owner && d.PrimaryOf(owner) == primary && !call.IsRelatedTo(record.RecordId))
                d.SaveCall(call.WithRelated(record));
        }
    }

    /// <summary>Makes the tab the call's owner; the record the tab shows becomes related to the call.</summary>
    private static void Bind(SessionDraft d, CallState call, string tabId) =>
        d.SaveCall(call.WithRelated(d.Tab(tabId)?.Record) with { OwnerTabId = tabId, EverOwned = true });

    private ClickIntent? FindClick(SessionDraft d, string? phoneNumber)
    {
        var digits = PhoneNumbers.Digits(phoneNumber);
        if (digits.Length == 0)
            return null;
        var clicks = d.ClickIntents;
        for (var i = clicks.Count - 1; i >= 0; i--)
        {
            var click = clicks[i];
            if (PhoneNumbers.Match(digits, click.Digits)
                && Within(d.Now - click.At, settings.ClickToDialWindow)
                && d.Tab(click.TabId)?.Incarnation == click.TabIncarnation)
                return click;
        }
        return null;
    }

    /// <summary>R1 rule 4: primary tabs first, then the most recently focused, then the most recently created.</summary>
    private static TabState? BestTabShowing(SessionDraft d, string recordId) =>
        d.OpenTabs()
            .Where(t => t.Record?.RecordId == recordId)
            .OrderByDescending(t => t.IsPrimary)
            .ThenByDescending(t => t.FocusedTick)
            .ThenByDescending(t => t.CreatedTick)
            .FirstOrDefault();

    private static TabState NewTab(SessionDraft d, string tabId, string? parentTabId, RecordRef? record, string? url) =>
        new(tabId, parentTabId, record, url, null, d.Tick, d.Tick, 0);

    private static bool Within(TimeSpan elapsed, TimeSpan window) => elapsed >= TimeSpan.Zero && elapsed <= window;
}
