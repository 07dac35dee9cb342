using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// Group commit: the requests a session decides while one of its journal rows is being written become its next row; every
/// answer still leaves in order and only once the row holding its events is written, and recovery reads the rows back.
/// </summary>
public sealed class GroupCommitSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    private const string Session = "agent-gc";
    private const string Scope = "group-commit/";

    /// <summary>Holds the first row's write until released, and records how many facts each written row holds.</summary>
    private sealed class FirstWriteGate : IJournalInterceptor
    {
        public TaskCompletionSource FirstWriteSeen { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<int> RowSizes { get; } = new();

        public async Task InterceptAsync(IPersistentRepresentation message)
        {
            if (message.Payload is not EventsDecided row)
                return;
            RowSizes.Enqueue(row.Facts.Count);
            if (RowSizes.Count == 1)
            {
                FirstWriteSeen.TrySetResult();
                await Release.Task;
            }
        }
    }

    private static ConsoleEvent TabCreated(int n) =>
        SpecEvents.Event(Session, $"g{n}", "tabCreated", ("tabId", $"ctab{n}"), ("seq", n));

    [Fact]
    public async Task Requests_decided_during_a_write_share_the_next_row_and_are_answered_in_order_after_it()
    {
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, journalScope: Scope));
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        var gate = new FirstWriteGate();
        await journal.OnWrite.SetInterceptorAsync(gate);
        var asker = CreateTestProbe();
        var subscriber = CreateTestProbe();
        sessions.Tell(new SessionCommands.SubscribeDecisions(Session, subscriber.Ref));

        sessions.Tell(new SessionCommands.Submit(TabCreated(1)), asker.Ref);
        await gate.FirstWriteSeen.Task.WaitAsync(SessionAsks.Timeout);
        sessions.Tell(new SessionCommands.Submit(TabCreated(2)), asker.Ref);
        sessions.Tell(new SessionCommands.Submit(TabCreated(3)), asker.Ref);
        sessions.Tell(new SessionCommands.Submit(TabCreated(1)), asker.Ref);
        sessions.Tell(new SessionCommands.Submit(TabCreated(4)), asker.Ref);
        // A query is answered at once, behind the four submits in the session's mailbox: they are decided by now.
        Assert.Equal(4, (await sessions.SnapshotAsync(Session)).Tabs.Count);
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(300));

        gate.Release.SetResult();
        var answers = Enumerable.Range(0, 5).Select(_ => asker.ExpectMsg<Decision>(SessionAsks.Timeout)).ToList();
        Assert.Equal(["g1", "g2", "g3", "g1", "g4"], answers.Select(d => d.EventId));
        Assert.Equal(["applied", "applied", "applied", "duplicate", "applied"], answers.Select(d => d.Outcome));
        Assert.Equal([1, 3], gate.RowSizes);

        // Positions count the facts within a row across the requests it holds; a duplicate stands at the accepted event before it.
        var streamed = Enumerable.Range(0, 5).Select(_ => subscriber.ExpectMsg<StreamedDecision>(SessionAsks.Timeout)).ToList();
        Assert.Equal(["1.1", "2.1", "2.2", "2.2", "2.3"], streamed.Select(s => s.Position.ToString()));
        Assert.Equal([true, true, true, false, true], streamed.Select(s => s.Journaled));

        // A fresh incarnation recovers all four events from the two rows.
        await WatchStopped(sessions);
        var recovered = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, journalScope: Scope));
        var snapshot = await recovered.SnapshotAsync(Session);
        Assert.Equal(4, snapshot.EventsSeen);
        Assert.Equal(4, snapshot.Tabs.Count);
        Assert.Equal("duplicate", (await recovered.SubmitAsync(TabCreated(3))).Outcome);
    }

    private async Task WatchStopped(IActorRef actor)
    {
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        Sys.Stop(actor);
        await watcher.ExpectTerminatedAsync(actor, SessionAsks.Timeout);
    }
}
