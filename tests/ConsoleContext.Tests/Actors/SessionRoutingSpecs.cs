using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class SessionRoutingSpecs : TrackerTestKit
{
    private readonly IActorRef _sessions;

    public SessionRoutingSpecs() => _sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "sessions");

    [Fact]
    public async Task Each_session_id_gets_exactly_one_session_actor()
    {
        foreach (var (session, i) in new[] { "agent-a", "agent-b", "agent-a", "agent-c", "agent-b", "agent-a" }.Select((s, i) => (s, i)))
            await _sessions.SubmitAsync(Event(session, $"e{i}", "agentStatusChanged", ("status", $"s{i}")));

        Sys.ActorSelection("/user/sessions/*").Tell(new Identify("sessions"), TestActor);
        var children = ReceiveN(3).Cast<ActorIdentity>().Select(id => id.Subject!.Path.Name).OrderBy(n => n).ToList();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(["agent-a", "agent-b", "agent-c"], children);

        // Three events reached the one agent-a actor: its state saw all of them, in order.
        var a = await _sessions.SnapshotAsync("agent-a");
        Assert.Equal(3, a.EventsSeen);
        Assert.Equal("s5", a.AgentStatus);
    }

    [Fact]
    public async Task The_same_session_id_always_reaches_the_same_actor()
    {
        await _sessions.SubmitAsync(Event("agent-a", "e1", "tabCreated", ("tabId", "ctab0")));
        var first = await Sys.ActorSelection("/user/sessions/agent-a").ResolveOne(SessionAsks.Timeout);
        Watch(first);

        await _sessions.SubmitAsync(Event("agent-a", "e2", "tabCreated", ("tabId", "ctab1")));
        var second = await Sys.ActorSelection("/user/sessions/agent-a").ResolveOne(SessionAsks.Timeout);

        Assert.Equal(first, second);
        Assert.Equal(2, (await _sessions.SnapshotAsync("agent-a")).EventsSeen);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Two_sessions_with_the_same_tab_and_call_ids_do_not_interfere()
    {
        var a = await _sessions.SubmitAllAsync([
            Event("agent-a", "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("seq", 1)),
            Event("agent-a", "e2", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab0"), ("seq", 2)),
        ]);
        // Same eventIds, tab ids, call id and seqs in another session: none of it is a duplicate, stale or known.
        var b = await _sessions.SubmitAllAsync([
            Event("agent-b", "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001B"), ("seq", 1)),
            Event("agent-b", "e2", "callStarted", ("callId", "c1"), ("callType", "outbound"), ("seq", 2)),
            Event("agent-b", "e3", "tabClosed", ("tabId", "ctab0"), ("seq", 3)),
        ]);

        Assert.All(a.Concat(b), d => Assert.Equal(Outcomes.Applied, d.Outcome));
        Assert.Equal(Reasons.BoundByTab, a[1].Reason);
        Assert.Equal(Reasons.PendingOwner, b[1].Reason);

        var callA = Assert.IsType<CallView>(await _sessions.CallAsync("agent-a", "c1"));
        var callB = Assert.IsType<CallView>(await _sessions.CallAsync("agent-b", "c1"));
        Assert.Equal(("ctab0", "inbound"), (callA.OwnerTabId, callA.CallType));
        Assert.Equal((null, "outbound"), (callB.OwnerTabId, callB.CallType));

        // agent-b closed its ctab0; agent-a's ctab0 and its tab actor are untouched.
        var snapA = await _sessions.SnapshotAsync("agent-a");
        Assert.Equal("001A", Assert.Single(snapA.Tabs).Record?.RecordId);
        Assert.Empty((await _sessions.SnapshotAsync("agent-b")).Tabs);
        var tabA = Assert.IsType<TabActivity>(await _sessions.TabActivityAsync("agent-a", "ctab0"));
        Assert.Equal(2, tabA.ReactedCount);
        Assert.IsType<SessionQueries.TabNotFound>(await _sessions.TabActivityAsync("agent-b", "ctab0"));
    }
}
