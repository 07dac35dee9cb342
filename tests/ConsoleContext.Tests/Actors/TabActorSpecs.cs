using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class TabActorSpecs : TrackerTestKit
{
    private const string Session = "agent-tabs";
    private readonly IActorRef _sessions;

    public TabActorSpecs() => _sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "sessions");

    [Fact]
    public async Task A_tab_actor_counts_only_the_applied_events_attributed_to_it()
    {
        var decisions = await _sessions.SubmitAllAsync([
            Event(Session, "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("seq", 1)),
            Event(Session, "e2", "tabCreated", ("tabId", "ctab1"), ("seq", 2)),
            Event(Session, "e3", "tabFocused", ("currentTabId", "ctab1"), ("seq", 3)),
            Event(Session, "e4", "navigationChanged", ("url", "/lightning/r/001Z/view"), ("recordId", "001Z"), ("seq", 4)),
            Event(Session, "e5", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab0"), ("seq", 5)),
            Event(Session, "e6", "navigationChanged", ("url", "/lightning/r/001Y/view"), ("recordId", "001Y"), ("tabId", "ctab1"), ("seq", 6)),
            Event(Session, "e7", "tabUpdated", ("tabId", "ctab0"), ("title", "Acme"), ("seq", 7)),
            Event(Session, "e7", "tabUpdated", ("tabId", "ctab0"), ("title", "Acme"), ("seq", 8)),
            Event(Session, "e8", "tabUpdated", ("tabId", "ctab0"), ("title", "late"), ("seq", 6)),
            Event(Session, "e9", "tabCreated", ("tabId", "ctab0"), ("parentTabId", "ctab0"), ("seq", 9)),
            Event(Session, "e10", "navigationChanged", ("url", "/lightning/r/500X/view"), ("recordId", "500X"), ("tabId", "ctab0"), ("seq", 10)),
            Event(Session, "e11", "tabFocused", ("currentTabId", "ctab9"), ("seq", 11)),
        ]);

        Assert.Equal(
            [
                (Outcomes.Applied, null), (Outcomes.Applied, null), (Outcomes.Ignored, Reasons.NoActiveCall),
                (Outcomes.Ignored, Reasons.NoActiveCall), (Outcomes.Applied, Reasons.BoundByTab), (Outcomes.Ignored, Reasons.NotCallActiveTab),
                (Outcomes.Applied, null), (Outcomes.Duplicate, null), (Outcomes.Stale, null), (Outcomes.Rejected, Reasons.InvalidEvent),
                (Outcomes.Applied, null), (Outcomes.Ignored, Reasons.NotCallActiveTab),
            ],
            decisions.Select(d => (d.Outcome, d.Reason)));
        await Settled();

        var ctab0 = await Activity("ctab0");
        var ctab1 = await Activity("ctab1");
        var ctab9 = await Activity("ctab9");
        Assert.Equal((4, 1, 0), (ctab0.ReactedCount, ctab1.ReactedCount, ctab9.ReactedCount));
        Assert.Equal("e10", ctab0.LastDecision?.EventId);
        Assert.Equal(["c1"], ctab0.OwnedCallIds);
        Assert.Equal("e2", ctab1.LastDecision?.EventId);
        Assert.Null(ctab9.LastDecision);
        foreach (var tab in new[] { ctab0, ctab1, ctab9 })
            Assert.Equal(decisions.Count(d => d.Outcome == Outcomes.Applied && d.TabId == tab.TabId), tab.ReactedCount);
    }

    [Fact]
    public async Task Closing_a_primary_tab_stops_its_actor_and_its_subtabs_actors()
    {
        await _sessions.SubmitAllAsync([
            Event(Session, "e1", "tabCreated", ("tabId", "ctab0")),
            Event(Session, "e2", "tabCreated", ("tabId", "ctab0_1"), ("parentTabId", "ctab0")),
            Event(Session, "e3", "tabCreated", ("tabId", "ctab1")),
        ]);
        await Settled();
        var actors = await TabActorsByTabId(expected: 3);
        Assert.Equal(["ctab0", "ctab0_1", "ctab1"], actors.Keys.Order());
        Watch(actors["ctab0"]);
        Watch(actors["ctab0_1"]);

        var closed = await _sessions.SubmitAsync(Event(Session, "e4", "tabClosed", ("tabId", "ctab0")));

        Assert.Equal(Outcomes.Applied, closed.Outcome);
        var gone = new[] { ExpectMsg<Terminated>().ActorRef, ExpectMsg<Terminated>().ActorRef };
        Assert.Equal(new[] { actors["ctab0"], actors["ctab0_1"] }.ToHashSet(), gone.ToHashSet());
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.IsType<SessionQueries.TabNotFound>(await _sessions.TabActivityAsync(Session, "ctab0"));
        Assert.IsType<SessionQueries.TabNotFound>(await _sessions.TabActivityAsync(Session, "ctab0_1"));
        Assert.Equal(1, (await Activity("ctab1")).ReactedCount);
    }

    [Fact]
    public async Task A_reopened_tab_gets_a_fresh_actor()
    {
        await _sessions.SubmitAllAsync([
            Event(Session, "e1", "tabCreated", ("tabId", "ctab0")),
            Event(Session, "e2", "tabUpdated", ("tabId", "ctab0"), ("title", "Acme")),
            Event(Session, "e3", "tabClosed", ("tabId", "ctab0")),
        ]);
        await Settled();
        Assert.IsType<SessionQueries.TabNotFound>(await _sessions.TabActivityAsync(Session, "ctab0"));

        await _sessions.SubmitAsync(Event(Session, "e4", "tabCreated", ("tabId", "ctab0")));
        await Settled();

        var reopened = await Activity("ctab0");
        Assert.Equal(1, reopened.ReactedCount);
        Assert.Equal("e4", reopened.LastDecision?.EventId);
    }

    [Fact]
    public async Task Session_ended_stops_every_tab_actor()
    {
        await _sessions.SubmitAllAsync([
            Event(Session, "e1", "tabCreated", ("tabId", "ctab0")),
            Event(Session, "e2", "tabCreated", ("tabId", "ctab0_1"), ("parentTabId", "ctab0")),
            Event(Session, "e3", "tabFocused", ("currentTabId", "ctab1")),
            Event(Session, "e4", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab1")),
        ]);
        await Settled();
        var actors = await TabActorsByTabId(expected: 3);
        Assert.Equal(["ctab0", "ctab0_1", "ctab1"], actors.Keys.Order());
        foreach (var actor in actors.Values)
            Watch(actor);

        var ended = await _sessions.SubmitAsync(Event(Session, "e5", "sessionEnded"));

        Assert.Equal(Outcomes.Applied, ended.Outcome);
        var terminated = Enumerable.Range(0, actors.Count).Select(_ => ExpectMsg<Terminated>().ActorRef).ToHashSet();
        Assert.Equal(actors.Values.ToHashSet(), terminated);
        foreach (var tabId in actors.Keys)
            Assert.IsType<SessionQueries.TabNotFound>(await _sessions.TabActivityAsync(Session, tabId));
        foreach (var actor in actors.Values)
        {
            Sys.ActorSelection(actor.Path).Tell(new Identify(actor.Path.Name), TestActor);
            Assert.Null(ExpectMsg<ActorIdentity>().Subject);
        }
        Assert.Empty((await _sessions.SnapshotAsync(Session)).Tabs);
    }

    /// <summary>
    /// A round trip through the session's ownership actor: it told the session every earlier decision before answering,
    /// so the session has handed those decisions to its tab actors before it reads the next message.
    /// </summary>
    private Task Settled() => _sessions.SnapshotAsync(Session);

    private async Task<TabActivity> Activity(string tabId) =>
        Assert.IsType<TabActivity>(await _sessions.TabActivityAsync(Session, tabId));

    /// <summary>Finds the session's tab actors by path, and which tab each one is by asking it.</summary>
    private async Task<Dictionary<string, IActorRef>> TabActorsByTabId(int expected)
    {
        Sys.ActorSelection($"/user/sessions/{Session}/tab-*").Tell(new Identify(null), TestActor);
        var refs = ReceiveN(expected).Cast<ActorIdentity>().Select(i => i.Subject!).ToList();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        var byTab = new Dictionary<string, IActorRef>();
        foreach (var actor in refs)
            byTab.Add((await actor.Ask<TabActivity>(new TabCommands.GetActivity(), SessionAsks.Timeout)).TabId, actor);
        return byTab;
    }
}
