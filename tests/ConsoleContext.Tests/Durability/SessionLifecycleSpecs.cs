using Akka.Cluster.Sharding;
using Akka.Actor;
using Akka.Persistence;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>Passivation, recovery from snapshots and journal, and deletion after the retention.</summary>
public sealed class SessionLifecycleSpecs : TrackerTestKit
{
    private const string Session = "agent-l";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_idle_session_passivates_and_the_next_query_recovers_it_with_its_tabs()
    {
        var lifecycle = SessionLifecycleSettings.Default with { PassivateAfter = TimeSpan.FromMilliseconds(300) };
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle), "router-p");
        await sessions.SubmitAllAsync(Scenario());
        var before = await sessions.SnapshotAsync(Session);
        var session = await Sys.ActorSelection($"/user/router-p/{Session}").ResolveOne(Wait);
        Watch(session);

        ExpectTerminated(session, Wait);

        Assert.Equal(SpecEvents.Wire(Recap(before)), SpecEvents.Wire(Recap(await sessions.SnapshotAsync(Session))));
        Assert.IsType<TabActivity>(await sessions.TabActivityAsync(Session, "ctab0_1"));
        var next = await sessions.SubmitAsync(SpecEvents.Event(Session, "l9", "navigationChanged", ("url", "/x"), ("tabId", "ctab0_1")));
        Assert.Equal("applied", next.Outcome);
    }

    [Fact]
    public async Task A_session_recovered_from_a_snapshot_and_a_pruned_journal_is_the_session_it_was()
    {
        var lifecycle = SessionLifecycleSettings.Default with { SnapshotEvery = 3, JournalKeepEntries = 1 };
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle, journalScope: "snap/"), "router-s");
        await sessions.SubmitAllAsync(Scenario());
        var before = await sessions.SnapshotAsync(Session);

        var snapshotStore = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
        var persistenceId = CallOwnershipActor.PersistenceIdOf(Session, "snap/");
        await AwaitAssertAsync(async () =>
        {
            var loaded = await snapshotStore.Ask<LoadSnapshotResult>(
                new LoadSnapshot(persistenceId, SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
            Assert.True(loaded.Snapshot?.Metadata.SequenceNr >= 6);
        }, Wait);

        var session = await Sys.ActorSelection($"/user/router-s/{Session}").ResolveOne(Wait);
        Watch(session);
        sessions.Tell(new Passivate(SessionCommands.StopWhenSettled.Instance), session);
        ExpectTerminated(session, Wait);

        Assert.Equal(SpecEvents.Wire(Recap(before)), SpecEvents.Wire(Recap(await sessions.SnapshotAsync(Session))));
        Assert.Equal("duplicate", (await sessions.SubmitAsync(Scenario()[0])).Outcome);
    }

    [Fact]
    public async Task A_passivating_session_answers_what_was_routed_to_it_before_and_while_it_stops()
    {
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "router-h");
        var events = Scenario();
        await sessions.SubmitAsync(events[0]);
        var session = await Sys.ActorSelection($"/user/router-h/{Session}").ResolveOne(Wait);
        Watch(session);

        // Routed into the session's mailbox, then the session asks to stop, then more arrive while it stops.
        var before = events.Skip(1).Take(3).Select(e => sessions.SubmitAsync(e)).ToList();
        sessions.Tell(new Passivate(SessionCommands.StopWhenSettled.Instance), session);
        var during = events.Skip(4).Select(e => sessions.SubmitAsync(e)).ToList();

        ExpectTerminated(session, Wait);
        var decisions = await Task.WhenAll(before.Concat(during));
        Assert.Equal(events.Skip(1).Select(e => e.Header.EventId), decisions.Select(d => d.EventId));
        Assert.All(decisions, d => Assert.NotEqual("duplicate", d.Outcome));
        Assert.Equal(events.Count, (await sessions.SnapshotAsync(Session)).EventsSeen);
    }

    [Fact]
    public async Task An_ended_session_is_deleted_after_its_retention()
    {
        var lifecycle = SessionLifecycleSettings.Default with { EndedRetention = TimeSpan.FromMilliseconds(200) };
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle), "router-r");
        await sessions.SubmitAllAsync(Scenario());
        var session = await Sys.ActorSelection($"/user/router-r/{Session}").ResolveOne(Wait);
        Watch(session);

        Assert.Equal("applied", (await sessions.SubmitAsync(SpecEvents.Event(Session, "end", "sessionEnded"))).Outcome);
        ExpectTerminated(session, Wait);

        var recovered = await sessions.SnapshotAsync(Session);
        Assert.Equal(0, recovered.EventsSeen);
        Assert.Empty(recovered.Calls);
    }

    [Fact]
    public async Task An_ended_session_that_was_passivated_is_woken_and_deleted_when_its_retention_has_passed()
    {
        var lifecycle = SessionLifecycleSettings.Default with
        {
            EndedRetention = TimeSpan.FromSeconds(1), PassivateAfter = TimeSpan.FromMilliseconds(200), SweepEvery = TimeSpan.FromMilliseconds(200),
        };
        var endedSessions = Sys.ActorOf(EndedSessionsActor.Props(lifecycle), "ended-w");
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle, endedSessions: endedSessions), "router-w");
        endedSessions.Tell(new RetentionMessages.SweepThrough(sessions));
        await sessions.SubmitAllAsync(Scenario());
        var session = await Sys.ActorSelection($"/user/router-w/{Session}").ResolveOne(Wait);
        Watch(session);

        await EventFilter.Info(contains: "retention after sessionEnded has passed").ExpectOneAsync(Wait, async () =>
        {
            await sessions.SubmitAsync(SpecEvents.Event(Session, "end", "sessionEnded"));
            // Idle long before its retention: the session passivates, and with it its own retention timer.
            ExpectTerminated(session, Wait);
        });

        await AwaitAssertAsync(async () => Assert.Equal(0, (await sessions.SnapshotAsync(Session)).EventsSeen), Wait);
    }

    private static List<Protocol.ConsoleEvent> Scenario() =>
    [
        SpecEvents.Event(Session, "l1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("seq", 1)),
        SpecEvents.Event(Session, "l2", "tabCreated", ("tabId", "ctab0_1"), ("parentTabId", "ctab0"), ("recordId", "500B"), ("seq", 2)),
        SpecEvents.Event(Session, "l3", "tabFocused", ("currentTabId", "ctab0_1"), ("seq", 3)),
        SpecEvents.Event(Session, "l4", "clickToDial", ("number", "+1 415 555 0100"), ("seq", 4)),
        SpecEvents.Event(Session, "l5", "callStarted", ("callId", "c1"), ("callType", "outbound"), ("phoneNumber", "4155550100"), ("seq", 5)),
        SpecEvents.Event(Session, "l6", "callConnected", ("callId", "c1"), ("seq", 6)),
        SpecEvents.Event(Session, "l7", "agentStatusChanged", ("status", "On call"), ("seq", 7)),
    ];

    // Everything but the per-call view's identity: the snapshot a softphone would compare.
    private static Protocol.Decision Recap(Queries.SessionSnapshot snapshot) => new(
        null, snapshot.SessionId, System.Text.Json.JsonSerializer.Serialize(snapshot), null, null, "snapshot", null, []);
}
