using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// An entry asked to passivate while its journal write stalls: the local call router holds what arrives for it up to its
/// bound, answers the rest <see cref="CallIndexMessages.Restarting"/> at once, and delivers what it held, in order, to the
/// entry's next incarnation once the write is answered and the entry has stopped.
/// </summary>
public sealed class CallRouterBufferSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    /// <summary>Holds every journal write until opened, and says when the first one arrived.</summary>
    private sealed class WriteGate : IJournalInterceptor
    {
        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task InterceptAsync(IPersistentRepresentation message)
        {
            Arrived.TrySetResult();
            await Opened.Task;
        }
    }

    [Fact]
    public async Task Messages_beyond_the_bound_are_answered_Restarting_and_those_held_reach_the_next_incarnation_in_order()
    {
        const int bound = 2;
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24), bufferSize: bound));
        var asker = CreateTestProbe();
        await calls.Ask<CallEntryMessages.Recorded>(new CallEntryMessages.Start("c-b", "agent-1"), SessionAsks.Timeout);
        var entry = await Sys.ActorSelection(calls.Path / ActorNames.Encode(SessionKey.CallEntryId("c-b"))).ResolveOne(SessionAsks.Timeout);
        Watch(entry);

        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        var gate = new WriteGate();
        await journal.OnWrite.SetInterceptorAsync(gate);
        calls.Tell(new CallEntryMessages.Start("c-b", "agent-2"), asker.Ref);
        await gate.Arrived.Task.WaitAsync(SessionAsks.Timeout);

        // The entry's request as its supervisor passes it on; the stop waits behind the stalled write.
        calls.Tell(new Akka.Cluster.Sharding.Passivate(CallEntryActor.Stop.Instance), entry);
        calls.Tell(new CallEntryMessages.Locate("c-b"), asker.Ref);
        calls.Tell(new CallEntryMessages.Import("c-b", "agent-3"), asker.Ref);
        for (var i = 0; i < 3; i++)
            calls.Tell(new CallEntryMessages.Locate("c-b"), asker.Ref);

        // Nothing else can answer while the write stalls: these are the three beyond the bound.
        for (var i = 0; i < 3; i++)
            asker.ExpectMsg<CallIndexMessages.Restarting>();

        gate.Opened.SetResult();
        await journal.OnWrite.Pass();
        Assert.Equal("c-b", asker.ExpectMsg<CallEntryMessages.Recorded>().CallKey);
        ExpectTerminated(entry);
        // Held in order for the next incarnation, which recovered agent-2's start: the Locate first, then the Import (nothing to record).
        Assert.Equal("agent-2", asker.ExpectMsg<CallEntryMessages.Location>().SessionId);
        Assert.Equal("c-b", asker.ExpectMsg<CallEntryMessages.Recorded>().CallKey);
        var next = await Sys.ActorSelection(entry.Path).ResolveOne(SessionAsks.Timeout);
        Assert.NotEqual(entry, next);
    }

    [Fact]
    public void A_negative_bound_is_refused_naming_it()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => CallRouterActor.Props(TimeSpan.FromHours(24), bufferSize: -1));
        Assert.Equal("bufferSize", refused.ParamName);
    }
}
