using ConsoleContext.Protocol;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Rules;

/// <summary>
/// The ownership rules of docs/ownership.md (spec v2: Identity, Consoles, Attribution, R1-R11, Selection) as two
/// functions: <see cref="Decide"/> reads a session and an event and returns the decision with the changes it implies;
/// <see cref="Apply(SessionState, SessionChange)"/> makes a change true. No actors, no clocks, no I/O: time comes in
/// with the call. Decide is virtual only so that tests can inject a fault into a live session.
/// </summary>
public class OwnershipRules(OwnershipSettings settings)
{
    public static readonly OwnershipRules Default = new(OwnershipSettings.Default);

    private static readonly IReadOnlyList<SessionChange> NoChanges = [];

    public OwnershipSettings Settings => settings;

    /// <summary>A new, empty session state bounded by these rules' settings.</summary>
    public SessionState NewState(string sessionId) => new(sessionId, settings);

    /// <param name="arrivedAt">Arrival time; used for the time windows only when the event has no <c>at</c>.</param>
    public virtual Ruling Decide(SessionState state, ConsoleEvent e, DateTimeOffset arrivedAt)
    {
        var console = TabKey.ConsoleOf(e.Header.ConsoleId);
        var stream = e.Header.StreamId ?? string.Empty;
        if (state.HasSeen(e.EventId))
            return Unchanged(state, e, console, Outcomes.Duplicate, arrivedAt);
        // The later events of one native line share its position: stale only below it (spec §6).
        if (e.Header.Seq is { } seq && state.SeqMarkOf(stream) is { } mark && (seq < mark || (seq == mark && e.Header.Part == 0)))
            return Unchanged(state, e, console, Outcomes.Stale, arrivedAt);

        var tick = state.Clock + 1;
        var draft = SessionDraft.Rent(state, tick, e.Header.At ?? arrivedAt);
        try
        {
            return Decide(state, e, console, stream, tick, draft);
        }
        finally
        {
            draft.Return();
        }
    }

    private Ruling Decide(SessionState state, ConsoleEvent e, string console, string stream, long tick, SessionDraft draft)
    {
        ForgetEndedCalls(state, draft);
        var attributed = Attribute(draft, console, e);
        var verdict = e switch
        {
            TabCreated x => OnTabCreated(draft, console, x),
            TabFocused x => OnTabFocused(draft, console, x),
            TabClosed x => OnTabClosed(draft, new TabKey(console, x.TabId)),
            TabReplaced x => OnTabNavigated(draft, OpenOrCreate(draft, new TabKey(console, x.TabId), x.ParentTabId), x.Record, x.Url),
            TabRefreshed x => OnTabRefreshed(draft, new TabKey(console, x.TabId)),
            TabUpdated x => OnTabUpdated(draft, new TabKey(console, x.TabId), x.Title),
            NavigationChanged x => OnNavigationChanged(draft, console, attributed, x),
            ClickToDial x => OnClickToDial(draft, console, attributed, x),
            CallStarted x => OnCallStarted(draft, console, x),
            CallStateChanged x => OnCallStateChanged(draft, console, x),
            CallClaimed x => OnCallClaimed(draft, new TabKey(console, x.TabId), x.CallId),
            ConsoleEvents.AgentStatusChanged x => OnAgentStatusChanged(draft, x),
            SessionEnded => OnSessionEnded(draft),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.Type, "no rule handles this event type"),
        };

        if (verdict.Outcome != Outcomes.Rejected && ExceededLimit(state, draft) is { } limit)
            verdict = Rejected(limit);
        if (verdict.Outcome == Outcomes.Rejected)
            return new Ruling(Decision.Rejected(e.EventId, e.SessionId, e.Type, verdict.Reason!, verdict.Error!, e.Header.ConsoleId), NoChanges);

        var tabId = e is TabFocused { CurrentTabId: null } ? null : attributed;
        var decision = new Decision(e.EventId, e.SessionId, e.Type, e.Header.ConsoleId, tabId, verdict.Outcome, verdict.Reason, draft.CallSummaries());
        return new Ruling(decision, draft.Changes(new SessionChanges.EventRecorded(e.EventId, e.Header.Seq, tick, stream)));
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
            case SessionChanges.TabsClosed x: state.CloseTabs(x.Tabs); break;
            case SessionChanges.FocusChanged x: state.SetFocus(x.Console, x.TabId); break;
            case SessionChanges.CallSaved x: state.SaveCall(x.Call); break;
            case SessionChanges.CallsForgotten x: state.ForgetCalls(x.CallIds, x.EarliestTombstones); break;
            case SessionChanges.ClickIntentsChanged x: state.SetClickIntents(x.Clicks); break;
            case SessionChanges.LastNavigationChanged x: state.SetLastNavigation(x.Record, x.Url); break;
            case SessionChanges.AgentStatusChanged x: state.SetAgentStatus(x.Status); break;
            case SessionChanges.ConsoleCleared: state.ClearConsole(); break;
            default: throw new ArgumentOutOfRangeException(nameof(change), change.GetType().Name, "unknown session change");
        }
        return state;
    }

    /// <summary>
    /// The decision's tabId (spec §4 Attribution): the tab the event names; for navigationChanged without one, the
    /// focused tab when it shows the record (or none is named), else the open tab already showing the record, else the
    /// focused tab; for clickToDial without one, the focused tab.
    /// </summary>
    private static string? Attribute(SessionDraft d, string console, ConsoleEvent e) => e switch
    {
        NavigationChanged { TabId: null } x => AttributeNavigation(d, console, x.Record),
        ClickToDial { TabId: null } => d.FocusedTab(console),
        _ => e.NamedTabId,
    };

    private static string? AttributeNavigation(SessionDraft d, string console, RecordRef? record)
    {
        var focused = d.FocusedTab(console);
        if (record is null)
            return focused;
        if (focused is not null && d.Tab(new TabKey(console, focused)) is { } focusedTab && focusedTab.Shows(record))
            return focused;
        TabState? best = null;
        foreach (var tab in d.OpenTabs())
        {
            if (tab.Console == console && tab.Shows(record) && (best is null || MoreRecent(tab, best)))
                best = tab;
        }
        return best?.TabId ?? focused;
    }

    /// <summary>Most recently focused first (every tab ever focused above every tab never focused), then most recently created.</summary>
    private static bool MoreRecent(TabState a, TabState b) =>
        a.FocusedTick != b.FocusedTick ? a.FocusedTick > b.FocusedTick : a.CreatedTick > b.CreatedTick;

    private Ruling Unchanged(SessionState state, ConsoleEvent e, string console, string outcome, DateTimeOffset arrivedAt)
    {
        var view = SessionDraft.Rent(state, state.Clock, e.Header.At ?? arrivedAt);
        try
        {
            var tabId = e is TabFocused { CurrentTabId: null } ? null : Attribute(view, console, e);
            return new Ruling(new Decision(e.EventId, e.SessionId, e.Type, e.Header.ConsoleId, tabId, outcome, null, view.CallSummaries()), NoChanges);
        }
        finally
        {
            view.Return();
        }
    }

    private readonly record struct Verdict(string Outcome, string? Reason, string? Error);

    private static Verdict Applied(string? reason = null) => new(Outcomes.Applied, reason, null);
    private static Verdict Ignored(string reason) => new(Outcomes.Ignored, reason, null);
    private static Verdict Rejected(string error) => new(Outcomes.Rejected, Reasons.InvalidEvent, error);

    /// <summary>R11: ended calls past their retention, and the earliest ended beyond the limit, are forgotten first (tombstones, then those in full).</summary>
    private void ForgetEndedCalls(SessionState state, SessionDraft d)
    {
        var tombstones = state.EndedTombstones;
        var ended = state.EndedCallIds;
        var count = tombstones.Count + ended.Count;
        if (count == 0)
            return;
        var retention = settings.EndedCallRetentionOrDefault;
        var over = count - settings.MaxEndedCalls;
        for (var i = 0; i < count; i++)
        {
            var inFull = i < tombstones.Count ? null : state.Calls[ended[i - tombstones.Count]];
            var endedAt = inFull is null ? tombstones.EndedAt(i) : inFull.EndedAt;
            if (!(i < over || (endedAt is { } at && d.Now - at > retention)))
                break;
            if (inFull is null)
                d.ForgetEarliestTombstone();
            else
                d.ForgetCall(inFull.CallId);
        }
    }

    /// <summary>R11 limits, checked after the event's own rules: the error names the limit.</summary>
    private string? ExceededLimit(SessionState state, SessionDraft d)
    {
        // Focus, navigation and updates re-save open tabs: only an event that opens a tab pays for counting them.
        if (d.OpensTabs && d.OpenTabs() is var tabs)
        {
            var open = 0;
            HashSet<string>? consoles = null;
            foreach (var tab in tabs)
            {
                open++;
                (consoles ??= d.ScratchConsoles()).Add(tab.Console);
            }
            if (open > settings.MaxOpenTabs && open > state.Tabs.Count)
                return $"the session would have more than {settings.MaxOpenTabs} open tabs (limit open-tabs)";
            if (consoles is not null && consoles.Count > settings.MaxConsoles && consoles.Count > state.TabsPerConsole.Count)
                return $"the session would have more than {settings.MaxConsoles} consoles with open tabs (limit consoles)";
        }
        if (d.AnyCallInPlay && d.ActiveCallCount is var active && active > settings.MaxActiveCalls && active > state.ActiveCallIds.Count)
            return $"the session would have more than {settings.MaxActiveCalls} active calls (limit active-calls)";
        return null;
    }

    private Verdict OnTabCreated(SessionDraft d, string console, TabCreated e)
    {
        var key = new TabKey(console, e.TabId);
        if (e.ParentTabId is { } parentId)
        {
            var parent = new TabKey(console, parentId);
            if (d.IsSelfOrDescendant(parent, key))
                return Rejected($"parentTabId \"{parentId}\" would make tab \"{e.TabId}\" its own ancestor");
            if (!d.IsOpen(parent))
                d.SaveTab(NewTab(d, parent, null, null, null));
        }
        var existing = d.Tab(key);
        // A re-created tab keeps its subtabs, owned calls and place in focus and creation order (spec §9 Tabs).
        d.SaveTab(NewTab(d, key, e.ParentTabId, e.Record, e.Url) with
        {
            FocusedTick = existing?.FocusedTick ?? 0,
            CreatedTick = existing?.CreatedTick ?? d.Tick,
        });
        if (existing is not null)
            ForgetClicksOn(d, [key]);
        if (e.Record is not null)
            LeavePoppedPage(d, key);

        var reason = BindPendingCalls(d, key, e.Record, allowScreenPop: true);
        if (existing is null && e.Record is not null && MoveBySelection(d, key))
            reason ??= Reasons.BoundBySelection;
        RelateToWorkspaceCalls(d, key, e.Record);
        return Applied(reason);
    }

    private static Verdict OnTabFocused(SessionDraft d, string console, TabFocused e)
    {
        if (e.CurrentTabId is null)
        {
            d.SetFocus(console, null);
            return Ignored(Reasons.NoFocusedTab);
        }
        var key = OpenOrCreate(d, new TabKey(console, e.CurrentTabId), e.ParentTabId);
        d.SaveTab(d.Tab(key)! with { FocusedTick = d.Tick });
        d.SetFocus(console, e.CurrentTabId);
        return Gate(d, key);
    }

    private static Verdict OnTabClosed(SessionDraft d, TabKey key)
    {
        if (!d.IsOpen(key))
            return Ignored(Reasons.UnknownTab);

        var closing = d.ScratchTabs();
        foreach (var tab in d.OpenTabs())
        {
            if (d.IsSelfOrDescendant(tab.Key, key))
                closing.Add(tab.Key);
        }
        var moves = d.ScratchMoves();
        foreach (var call in d.ActiveCalls())
        {
            if (call.Owner is not { } owner || !closing.Contains(owner))
                continue;
            var primary = d.PrimaryOf(owner);
            moves.Add((call, primary is { } p && !closing.Contains(p) ? p : null));
        }

        d.CloseTabs(closing);
        ForgetClicksOn(d, closing);
        if (d.FocusedTab(key.Console) is { } focused && closing.Contains(key with { TabId = focused }))
            d.SetFocus(key.Console, null);
        foreach (var (call, newOwner) in moves)
        {
            if (newOwner is { } owner)
                Bind(d, call, owner);
            else
                d.SaveCall(call with { OwnerTabId = null, OwnerConsole = TabKey.DefaultConsole, OwnerFromScreenPop = false });
        }
        return Applied(moves.Count > 0 ? Reasons.OwnerClosed : null);
    }

    /// <summary>tabReplaced, and navigationChanged once attributed: update the tab's record, then bind or gate (R3).</summary>
    private Verdict OnTabNavigated(SessionDraft d, TabKey key, RecordRef? record, string? url)
    {
        d.SaveTab(d.Tab(key)! with { Record = record, Url = url });
        if (record is not null)
            LeavePoppedPage(d, key);
        var reason = BindPendingCalls(d, key, record, allowScreenPop: false);
        RelateToWorkspaceCalls(d, key, record);
        return reason is null ? Gate(d, key) : Applied(reason);
    }

    private static Verdict OnTabRefreshed(SessionDraft d, TabKey key)
    {
        if (d.Tab(key) is not { } tab)
            return Ignored(Reasons.UnknownTab);
        RelateToWorkspaceCalls(d, key, tab.Record);
        return Gate(d, key);
    }

    private static Verdict OnTabUpdated(SessionDraft d, TabKey key, string? title)
    {
        if (d.Tab(key) is not { } tab)
            return Ignored(Reasons.UnknownTab);
        d.SaveTab(tab with { Title = title });
        return Applied();
    }

    private Verdict OnNavigationChanged(SessionDraft d, string console, string? attributed, NavigationChanged e)
    {
        d.SetLastNavigation(e.Record, e.Url);
        if (attributed is null)
            return Ignored(Reasons.NoFocusedTab);
        var key = e.TabId is null ? new TabKey(console, attributed) : OpenOrCreate(d, new TabKey(console, attributed), e.ParentTabId);
        return OnTabNavigated(d, key, e.Record, e.Url);
    }

    private Verdict OnClickToDial(SessionDraft d, string console, string? attributed, ClickToDial e)
    {
        if (attributed is null)
            return Ignored(Reasons.NoFocusedTab);
        // A click on a tab that is not open cannot bind later (R1 needs the tab open then), so it is not kept.
        if (d.Tab(new TabKey(console, attributed)) is { } tab)
        {
            var forgetBefore = d.Now - settings.ClickToDialWindow;
            var clicks = d.ClickIntents;
            var recent = 0;
            for (var i = 0; i < clicks.Count; i++)
            {
                if (clicks[i].At >= forgetBefore)
                    recent++;
            }
            // The most recent of the clicks still within the window, then the new one.
            var skip = recent - Math.Max(settings.MaxClickIntents - 1, 0);
            var kept = new ClickIntent[recent - Math.Max(skip, 0) + 1];
            var k = 0;
            for (var i = 0; i < clicks.Count; i++)
            {
                if (clicks[i].At >= forgetBefore && skip-- <= 0)
                    kept[k++] = clicks[i];
            }
            kept[k] = new ClickIntent(PhoneNumbers.Digits(e.Number), attributed, tab.Incarnation, d.Now, e.Record, console);
            d.SetClickIntents(kept);
        }
        return Applied();
    }

    private Verdict OnCallStarted(SessionDraft d, string console, CallStarted e)
    {
        if (d.Call(e.CallId) is { } existing)
        {
            if (existing.IsActive)
                return new Verdict(Outcomes.Duplicate, Reasons.ReplayedCall, null);
            // R6: a platform offered the same call again, strictly later than its end: a new life.
            if (e.Replayed || existing.EndedAt is not { } endedAt || d.Now <= endedAt)
                return Ignored(Reasons.CallEnded);
        }
        var start = new CallStartFields(e.CallType, e.PhoneNumber, e.Record, e.TabId, e.ParentCallId, e.Replayed);
        return Applied(Start(d, console, e.CallId, start, CallStates.Ringing, connectedAt: null));
    }

    /// <summary>R1 binding at call start; returns the reason. Also used to adopt a call first seen connected or held (R6).</summary>
    private string Start(SessionDraft d, string console, string callId, CallStartFields start, string state, DateTimeOffset? connectedAt)
    {
        var call = new CallState(callId, start.CallType, state, null, start.PhoneNumber, start.Record, start.ParentCallId,
            [], EverOwned: false, d.Now, d.Tick, ConnectedAt: connectedAt);

        if (start.TabId is { } tabId && d.IsOpen(new TabKey(console, tabId)))
        {
            Bind(d, call.WithRelated(start.Record), new TabKey(console, tabId));
            return Reasons.BoundByTab;
        }
        if (FindClick(d, start.PhoneNumber) is { } click)
        {
            Bind(d, call.WithRelated(click.Record).WithRelated(start.Record), click.Tab);
            return Reasons.BoundByClickToDial;
        }
        if (start.ParentCallId is { } parentId && d.Call(parentId) is { IsActive: true, Owner: { } parentOwner })
        {
            Bind(d, call.WithRelated(start.Record), parentOwner);
            return Reasons.BoundByParentCall;
        }
        if (start.Record is { } record && BestTabShowing(d, record) is { } recordTab)
        {
            Bind(d, call.WithRelated(record), recordTab.Key);
            return Reasons.BoundByRecord;
        }
        d.SaveCall(call.WithRelated(start.Record));
        return Reasons.PendingOwner;
    }

    private Verdict OnCallStateChanged(SessionDraft d, string console, CallStateChanged e)
    {
        var newState = e.EventType switch
        {
            EventTypes.CallHeld => CallStates.Held,
            EventTypes.CallEnded => CallStates.Ended,
            _ => CallStates.Connected,
        };
        var call = d.Call(e.CallId);
        if (call is null)
        {
            if (e.EventType == EventTypes.CallEnded)
                return Ignored(Reasons.UnknownCall);
            // R6 adoption: the tracker missed the start; an adopting callConnected is both the start and the answer.
            var connectedAt = e.EventType == EventTypes.CallConnected ? d.Now : (DateTimeOffset?)null;
            return Applied(Start(d, console, e.CallId, e.Start ?? CallStartFields.None, newState, connectedAt));
        }
        if (!call.IsActive)
            return Ignored(Reasons.CallEnded);
        call = call with { State = newState };
        // Only callConnected is the answer (spec §9 Time): a callResumed also makes the call connected, but opens no screen-pop window.
        if (e.EventType == EventTypes.CallConnected && call.ConnectedAt is null)
            call = call with { ConnectedAt = d.Now };
        if (newState == CallStates.Ended)
            call = call with { EndedAt = d.Now };
        d.SaveCall(call);
        return Applied();
    }

    private static Verdict OnCallClaimed(SessionDraft d, TabKey key, string callId)
    {
        var call = d.Call(callId);
        if (call is null)
            return Ignored(Reasons.UnknownCall);
        if (!call.IsActive)
            return Ignored(Reasons.CallEnded);
        if (!d.IsOpen(key))
            return Ignored(Reasons.UnknownTab);
        Bind(d, call, key);
        return Applied(Reasons.BoundByClaim);
    }

    private static Verdict OnAgentStatusChanged(SessionDraft d, ConsoleEvents.AgentStatusChanged e)
    {
        d.SetAgentStatus(e.Status);
        return Applied();
    }

    private static Verdict OnSessionEnded(SessionDraft d)
    {
        foreach (var call in d.ActiveCallsSnapshot())
            d.SaveCall(call with { State = CallStates.Ended, EndedAt = d.Now });
        d.ClearConsole();
        return Applied();
    }

    /// <summary>R3 and R4: does the tab lie in the workspace of an active call (its owner's primary tab, in the owner's console)?</summary>
    private static Verdict Gate(SessionDraft d, TabKey key)
    {
        if (!d.AnyCallInPlay)
            return Ignored(Reasons.NoActiveCall);
        var anyActive = false;
        var primary = d.PrimaryOf(key);
        foreach (var call in d.ActiveCalls())
        {
            anyActive = true;
            if (call.Owner is { } owner && owner.Console == key.Console && d.PrimaryOf(owner) == primary)
                return Applied();
        }
        return Ignored(anyActive ? Reasons.NotCallActiveTab : Reasons.NoActiveCall);
    }

    /// <summary>
    /// The pending rules of R1 for an event that creates, replaces or navigates a tab; returns the binding reason, if any:
    /// bound-by-record wins over bound-by-screen-pop.
    /// </summary>
    private string? BindPendingCalls(SessionDraft d, TabKey key, RecordRef? record, bool allowScreenPop)
    {
        if (!d.AnyCallInPlay)
            return null;
        var pending = d.ActiveCallsSnapshot();
        pending.RemoveAll(call => call.OwnerTabId is not null);
        if (pending.Count == 0)
            return null;

        if (record is not null)
        {
            var bound = false;
            foreach (var call in pending)
            {
                if (call.IsRelatedTo(record))
                {
                    Bind(d, call, key);
                    bound = true;
                }
            }
            if (bound)
                return Reasons.BoundByRecord;
        }

        if (allowScreenPop)
        {
            // One screen pop per tab: the oldest call still waiting for its pop gets it.
            foreach (var call in pending)
            {
                if (!call.EverOwned && call.Record is null
                    && (Within(d.Now - call.StartedAt, settings.ScreenPopWindow)
                        || (call.ConnectedAt is { } answered && Within(d.Now - answered, settings.ScreenPopWindow))))
                {
                    Bind(d, call, key, byScreenPop: d.Tab(key)?.Record is null);
                    return Reasons.BoundByScreenPop;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Selection: an active call whose owner is still the record-less page a screen pop bound it to, and that page is its
    /// console's focused tab, moves to the new tab the agent opened from it. Returns true when a call moved.
    /// </summary>
    private static bool MoveBySelection(SessionDraft d, TabKey opened)
    {
        if (!d.AnyCallInPlay || d.FocusedTab(opened.Console) is not { } focused)
            return false;
        var moved = false;
        foreach (var call in d.ActiveCallsSnapshot())
        {
            if (call is { OwnerFromScreenPop: true, Owner: { } owner }
                && owner.Console == opened.Console && owner.TabId == focused && owner != opened
                && d.Tab(owner) is { Record: null })
            {
                Bind(d, call, opened);
                moved = true;
            }
        }
        return moved;
    }

    /// <summary>
    /// Selection: a popped page that shows a record is not (or no longer) the record-less page the spec moves calls from,
    /// even if it shows none again later ("and still shows none").
    /// </summary>
    private static void LeavePoppedPage(SessionDraft d, TabKey key)
    {
        if (!d.AnyCallInPlay)
            return;
        foreach (var call in d.ActiveCallsSnapshot())
        {
            if (call.OwnerFromScreenPop && call.Owner == key)
                d.SaveCall(call with { OwnerFromScreenPop = false });
        }
    }

    /// <summary>Adds the tab's record to every active call whose workspace holds the tab (R3).</summary>
    private static void RelateToWorkspaceCalls(SessionDraft d, TabKey key, RecordRef? record)
    {
        if (record is null || !d.AnyCallInPlay)
            return;
        var primary = d.PrimaryOf(key);
        foreach (var call in d.ActiveCallsSnapshot())
        {
            if (call.Owner is { } owner && owner.Console == key.Console && d.PrimaryOf(owner) == primary)
            {
                var related = call.WithRelated(record);
                if (!ReferenceEquals(related, call))
                    d.SaveCall(related);
            }
        }
    }

    /// <summary>Makes the tab the call's owner; the record the tab shows becomes related to the call.</summary>
    private static void Bind(SessionDraft d, CallState call, TabKey owner, bool byScreenPop = false) =>
        d.SaveCall(call.WithRelated(d.Tab(owner)?.Record) with
        {
            OwnerTabId = owner.TabId,
            OwnerConsole = owner.Console,
            EverOwned = true,
            OwnerFromScreenPop = byScreenPop,
        });

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
                && d.Tab(click.Tab)?.Incarnation == click.TabIncarnation)
                return click;
        }
        return null;
    }

    private static void ForgetClicksOn(SessionDraft d, ICollection<TabKey> tabs)
    {
        var clicks = d.ClickIntents;
        var forgotten = 0;
        for (var i = 0; i < clicks.Count; i++)
        {
            if (tabs.Contains(clicks[i].Tab))
                forgotten++;
        }
        if (forgotten == 0)
            return;
        var kept = new List<ClickIntent>(clicks.Count - forgotten);
        for (var i = 0; i < clicks.Count; i++)
        {
            if (!tabs.Contains(clicks[i].Tab))
                kept.Add(clicks[i]);
        }
        d.SetClickIntents(kept);
    }

    /// <summary>R1 rule 4 (any console): primary tabs first, then the most recently focused, then the most recently created.</summary>
    private static TabState? BestTabShowing(SessionDraft d, RecordRef record)
    {
        TabState? best = null;
        foreach (var tab in d.OpenTabs())
        {
            if (!tab.Shows(record))
                continue;
            if (best is null || (tab.IsPrimary != best.IsPrimary ? tab.IsPrimary : MoreRecent(tab, best)))
                best = tab;
        }
        return best;
    }

    /// <summary>R9: the tab when open; else it is created, as a subtab of <paramref name="parentTabId"/> when given (the parent too, if unknown).</summary>
    private static TabKey OpenOrCreate(SessionDraft d, TabKey key, string? parentTabId)
    {
        if (d.IsOpen(key))
            return key;
        // A tab naming itself as its parent is a primary tab (spec §9 Tabs).
        var parent = parentTabId is { } p && p != key.TabId ? p : null;
        if (parent is not null && !d.IsOpen(key with { TabId = parent }))
            d.SaveTab(NewTab(d, key with { TabId = parent }, null, null, null));
        d.SaveTab(NewTab(d, key, parent, null, null));
        return key;
    }

    private static TabState NewTab(SessionDraft d, TabKey key, string? parentTabId, RecordRef? record, string? url) =>
        new(key.TabId, parentTabId, record, url, null, d.Tick, d.Tick, 0, key.Console);

    private static bool Within(TimeSpan elapsed, TimeSpan window) => elapsed >= TimeSpan.Zero && elapsed <= window;
}
