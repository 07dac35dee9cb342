using Akka.Actor;
using Akka.Persistence;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// The journal holds what was decided (issue 10, point 3): a recovered session believes exactly what the live one did,
/// even under different rules; rows written before facts (inputs) are decided again; a snapshot holds everything
/// recovery needs, the end time that retention counts from included.
/// </summary>
public sealed class FactsRecoverySpecs : TrackerTestKit
{
    private const string Session = "agent-f";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    // Six snapshot saves and deletes one after the other: on a 2-core box busy with a parallel suite they took over 10 s.
    private static readonly TimeSpan SnapshotWait = TimeSpan.FromSeconds(30);

    // The screen pop binds ctab1 two seconds after the call started: within the default 10 s window, not within 1 ms.
    private static readonly OwnershipRules NarrowScreenPop = new(OwnershipSettings.Default with { ScreenPopWindow = TimeSpan.FromMilliseconds(1) });

    private static List<ConsoleEvent> Morning() =>
    [
        SpecEvents.Event(Session, "f1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A000001"), ("at", SpecEvents.T0)),
        SpecEvents.Event(Session, "f2", "callStarted", ("callId", "call-42"), ("callType", "inbound"), ("at", SpecEvents.T0.AddSeconds(60))),
        SpecEvents.Event(Session, "f3", "tabCreated", ("tabId", "ctab1"), ("recordId", "003B000002"), ("at", SpecEvents.T0.AddSeconds(62))),
        SpecEvents.Event(Session, "f4", "callConnected", ("callId", "call-42"), ("at", SpecEvents.T0.AddSeconds(65))),
        SpecEvents.Event(Session, "f5", "callEnded", ("callId", "call-42"), ("at", SpecEvents.T0.AddSeconds(300))),
    ];

    /// <summary>Runs <paramref name="work"/> against the router, then stops it and its sessions.</summary>
    private async Task StoppedAfter(IActorRef router, Func<Task> work)
    {
        await work();
        Watch(router);
        Sys.Stop(router);
        ExpectTerminated(router, Wait);
    }

    [Fact]
    public async Task A_recovered_session_believes_what_the_live_one_decided_even_after_the_rules_changed()
    {
        var live = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, journalScope: "facts/"));
        CallView liveCall = null!;
        IReadOnlyList<TimelineEntry> liveTimeline = null!;
        await StoppedAfter(live, async () =>
        {
            var decisions = await live.SubmitAllAsync(Morning());
            Assert.Equal(Reasons.BoundByScreenPop, decisions[2].Reason);
            liveCall = Assert.IsType<CallView>(await live.CallAsync(Session, "call-42"));
            liveTimeline = Assert.IsType<SessionQueries.Timeline>(await live.TimelineAsync(Session, "call-42")).Entries;
        });

        var recovered = Sys.ActorOf(SessionRouterActor.Props(NarrowScreenPop, journalScope: "facts/"));

        var call = Assert.IsType<CallView>(await recovered.CallAsync(Session, "call-42"));
        Assert.Equal("ctab1", call.OwnerTabId);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(liveCall), System.Text.Json.JsonSerializer.Serialize(call));
        Assert.Equal(liveTimeline, Assert.IsType<SessionQueries.Timeline>(await recovered.TimelineAsync(Session, "call-42")).Entries);
    }

    [Fact]
    public async Task Rows_written_before_facts_recover_by_deciding_their_events_again_with_the_rules_at_hand()
    {
        var persistenceId = CallOwnershipActor.PersistenceIdOf(Session, "inputs/");
        var writer = Sys.ActorOf(Props.Create(() => new JournalWriter(persistenceId, new EventsAccepted(Morning()))));
        Assert.Equal("written", await writer.Ask<string>("write", Wait));

        var asBefore = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, journalScope: "inputs/"));
        await StoppedAfter(asBefore, async () =>
        {
            Assert.Equal("ctab1", Assert.IsType<CallView>(await asBefore.CallAsync(Session, "call-42")).OwnerTabId);
            var timeline = Assert.IsType<SessionQueries.Timeline>(await asBefore.TimelineAsync(Session, "call-42")).Entries;
            Assert.Equal(
                [("f2", "ringing", null, Reasons.PendingOwner), ("f3", "ringing", "ctab1", Reasons.BoundByScreenPop), ("f4", "connected", "ctab1", null), ("f5", "ended", "ctab1", null)],
                timeline.Select(t => (t.EventId, t.State, t.OwnerTabId, t.Reason)));
            Assert.Equal(SpecEvents.T0.AddSeconds(62), timeline[1].At);
        });

        // An input row holds no decision: under other rules it is decided differently, which is why facts are journaled now.
        var underOtherRules = Sys.ActorOf(SessionRouterActor.Props(NarrowScreenPop, journalScope: "inputs/"));
        Assert.Null(Assert.IsType<CallView>(await underOtherRules.CallAsync(Session, "call-42")).OwnerTabId);
    }

    [Fact]
    public async Task A_session_whose_snapshot_covers_its_session_end_is_still_deleted_when_its_retention_has_passed()
    {
        // No ended-sessions registry: only what the snapshot holds can bring the deletion about.
        var keep = SessionLifecycleSettings.Default with { SnapshotEvery = 1 };
        var live = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: keep, journalScope: "ended/"));
        await StoppedAfter(live, async () =>
        {
            await live.SubmitAllAsync(Morning());
            Assert.Equal(Outcomes.Applied, (await live.SubmitAsync(SpecEvents.Event(Session, "f6", "sessionEnded"))).Outcome);
            var snapshotStore = Akka.Persistence.Persistence.Instance.Apply(Sys).SnapshotStoreFor(null);
            await AwaitAssertAsync(async () =>
            {
                var loaded = await snapshotStore.Ask<LoadSnapshotResult>(
                    new LoadSnapshot(CallOwnershipActor.PersistenceIdOf(Session, "ended/"), SnapshotSelectionCriteria.Latest, long.MaxValue), Wait);
                Assert.Equal(6, loaded.Snapshot?.Metadata.SequenceNr);
                Assert.NotNull(Assert.IsType<SessionSnapshotData>(loaded.Snapshot!.Snapshot).EndedAt);
            }, SnapshotWait);
        });

        // Recovered from that snapshot alone (no row after it) by a service whose retention has passed.
        var expired = SessionLifecycleSettings.Default with { SnapshotEvery = 1, EndedRetention = TimeSpan.FromMilliseconds(1) };
        var recovered = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: expired, journalScope: "ended/"));

        await AwaitAssertAsync(async () => Assert.Equal(0, (await recovered.SnapshotAsync(Session)).EventsSeen), Wait);
    }
}
