using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class SessionQuerySpecs : TrackerTestKit
{
    private const string Session = "agent-q";
    private readonly IActorRef _sessions;

    public SessionQuerySpecs() => _sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));

    private async Task<IReadOnlyList<Decision>> AgentWorksTwoCalls() => await _sessions.SubmitAllAsync([
        Event(Session, "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("objectType", "Account"), ("recordName", "Acme"),
            ("url", "/lightning/r/Account/001A/view"), ("seq", 1)),
        Event(Session, "e2", "tabCreated", ("tabId", "ctab0_1"), ("parentTabId", "ctab0"), ("recordId", "003C"), ("objectType", "Contact"), ("seq", 2)),
        Event(Session, "e3", "tabCreated", ("tabId", "ctab1"), ("recordId", "500X"), ("objectType", "Case"), ("seq", 3)),
        Event(Session, "e4", "tabFocused", ("currentTabId", "ctab0_1"), ("seq", 4)),
        Event(Session, "e5", "agentStatusChanged", ("status", "Busy"), ("seq", 5)),
        Event(Session, "e6", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab0_1"), ("recordId", "003C"),
            ("objectType", "Contact"), ("seq", 6)),
        Event(Session, "e7", "navigationChanged", ("url", "/lightning/r/Case/500Y/view"), ("recordId", "500Y"), ("objectType", "Case"),
            ("tabId", "ctab0"), ("seq", 7)),
        Event(Session, "e8", "navigationChanged", ("url", "/lightning/r/Opportunity/006O/view"), ("recordId", "006O"),
            ("objectType", "Opportunity"), ("seq", 8)),
        Event(Session, "e9", "callStarted", ("callId", "c2"), ("callType", "outbound"), ("phoneNumber", "555"), ("seq", 9)),
        Event(Session, "e10", "callConnected", ("callId", "c1"), ("seq", 10)),
    ]);

    [Fact]
    public async Task The_snapshot_shows_the_tab_tree_focus_calls_with_owners_and_status()
    {
        var decisions = await AgentWorksTwoCalls();
        Assert.Equal((Reasons.BoundByTab, Reasons.PendingOwner), (decisions[5].Reason, decisions[8].Reason));

        var snapshot = await _sessions.SnapshotAsync(Session);

        Assert.Equal((Session, "ctab0_1", "Busy", 10L, 10), (snapshot.SessionId, snapshot.FocusedTabId, snapshot.AgentStatus, snapshot.SeqMark, snapshot.EventsSeen));
        Assert.Equal(["ctab0", "ctab1"], snapshot.Tabs.Select(t => t.TabId));
        var ctab0 = snapshot.Tabs[0];
        Assert.Equal(("500Y", "Case", false), (ctab0.Record?.RecordId, ctab0.Record?.ObjectType, ctab0.Focused));
        var subtab = Assert.Single(ctab0.Subtabs);
        // e8 had no tabId: it navigated the focused subtab.
        Assert.Equal(("ctab0_1", "006O", true), (subtab.TabId, subtab.Record?.RecordId, subtab.Focused));
        Assert.Empty(subtab.Subtabs);
        Assert.Equal(("500X", false), (snapshot.Tabs[1].Record?.RecordId, snapshot.Tabs[1].Focused));
        Assert.Empty(snapshot.Tabs[1].Subtabs);

        Assert.Equal(
            [("c1", CallStates.Connected, "ctab0_1"), ("c2", CallStates.Ringing, null)],
            snapshot.Calls.Select(c => (c.CallId, c.State, c.OwnerTabId)));
    }

    [Fact]
    public async Task A_call_query_gives_owner_primary_related_records_and_log_suggestion()
    {
        await AgentWorksTwoCalls();

        var c1 = Assert.IsType<CallView>(await _sessions.CallAsync(Session, "c1"));
        Assert.Equal((Session, "c1", "inbound", CallStates.Connected), (c1.SessionId, c1.CallId, c1.CallType, c1.State));
        Assert.Equal(("ctab0_1", "ctab0"), (c1.OwnerTabId, c1.OwnerPrimaryTabId));
        Assert.Equal(["003C", "500Y", "006O"], c1.RelatedRecords.Select(r => r.RecordId));
        // whoId: the first Contact or Lead; whatId: the latest other record.
        Assert.Equal(new LogSuggestion("003C", "006O"), c1.LogSuggestion);

        var c2 = Assert.IsType<CallView>(await _sessions.CallAsync(Session, "c2"));
        Assert.Equal((null, null, CallStates.Ringing), (c2.OwnerTabId, c2.OwnerPrimaryTabId, c2.State));
        Assert.Empty(c2.RelatedRecords);
        Assert.Equal(new LogSuggestion(null, null), c2.LogSuggestion);
    }

    [Fact]
    public async Task An_ended_call_is_still_answered_with_its_last_owner()
    {
        await AgentWorksTwoCalls();
        await _sessions.SubmitAsync(Event(Session, "e11", "callEnded", ("callId", "c1"), ("seq", 11)));

        var c1 = Assert.IsType<CallView>(await _sessions.CallAsync(Session, "c1"));

        Assert.Equal((CallStates.Ended, "ctab0_1"), (c1.State, c1.OwnerTabId));
    }

    [Fact]
    public async Task A_call_never_started_in_the_session_is_not_found()
    {
        await AgentWorksTwoCalls();
        await _sessions.SubmitAsync(Event("agent-other", "x1", "callStarted", ("callId", "c9"), ("callType", "inbound")));

        Assert.Equal(new SessionQueries.CallNotFound(Session, "c404"), await _sessions.CallAsync(Session, "c404"));
        Assert.Equal(new SessionQueries.CallNotFound(Session, "c9"), await _sessions.CallAsync(Session, "c9"));
        Assert.Equal(new SessionQueries.CallNotFound("agent-other", "c1"), await _sessions.CallAsync("agent-other", "c1"));
    }
}
