using System.Diagnostics;
using Akka.Actor;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>A call entry whose journal refuses writes: every answer waiting on it fails at once (503 with Retry-After), none waits for its timeout.</summary>
public sealed class CallEntryFailureSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    private const string Session = "agent-f";

    /// <summary>Well under both the asks' timeout (<see cref="SessionAsks.Timeout"/>) and <see cref="CallOwnershipActor.CallEntryTimeout"/>.</summary>
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_callStarted_a_callEnded_and_a_lookup_waiting_on_a_call_entry_that_cannot_write_fail_fast()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        await sessions.SubmitAsync(SpecEvents.Event(Session, "f1", "tabCreated", ("tabId", "ctab0")));
        Assert.Equal("applied", (await sessions.SubmitAsync(SpecEvents.Event(Session, "f2", "callStarted", ("callId", "c0"), ("callType", "inbound"), ("tabId", "ctab0")))).Outcome);

        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        // Only the call entries' writes fail; the session's own journal keeps accepting.
        await journal.OnWrite.FailIf(row => row.PersistenceId.StartsWith(CallEntryActor.PersistenceIdPrefix, StringComparison.Ordinal));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<CallDirectoryRestartingException>(() =>
            sessions.SubmitAsync(SpecEvents.Event(Session, "f3", "callStarted", ("callId", "c1"), ("callType", "inbound"))));
        Assert.True(clock.Elapsed < Fast, $"the callStarted failed after {clock.Elapsed}");

        clock.Restart();
        await Assert.ThrowsAsync<CallDirectoryRestartingException>(() =>
            sessions.SubmitAsync(SpecEvents.Event(Session, "f4", "callEnded", ("callId", "c0"))));
        Assert.True(clock.Elapsed < Fast, $"the callEnded failed after {clock.Elapsed}");

        // The lookup of an entry that is starting again is answered at once, too.
        clock.Restart();
        Assert.IsType<CallIndexMessages.Restarting>(await calls.Ask<object>(new CallEntryMessages.Locate("c0"), SessionAsks.Timeout));
        Assert.True(clock.Elapsed < Fast, $"the lookup was answered after {clock.Elapsed}");

        // The session journaled both events: it answers for them.
        var snapshot = await sessions.SnapshotAsync(Session);
        Assert.Equal(["ended", "ringing"], snapshot.Calls.OrderBy(c => c.CallId).Select(c => c.State));
        await journal.OnWrite.Pass();
        // Both entries run again: each restarts after its own backoff (0.5-0.6 s with jitter), so c0's, which failed later, may be first.
        await AwaitAssertAsync(async () =>
        {
            Assert.Equal(Session, (await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c0"), TimeSpan.FromMilliseconds(500))).SessionId);
            Assert.Null((await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c1"), TimeSpan.FromMilliseconds(500))).SessionId);
        }, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200));

        // Retried with the same eventIds once the entries write again: duplicates, and now the calls are recorded by id.
        Assert.Equal("duplicate", (await sessions.SubmitAsync(SpecEvents.Event(Session, "f3", "callStarted", ("callId", "c1"), ("callType", "inbound")))).Outcome);
        Assert.Equal("duplicate", (await sessions.SubmitAsync(SpecEvents.Event(Session, "f4", "callEnded", ("callId", "c0")))).Outcome);
        Assert.Equal(Session, (await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c1"), SessionAsks.Timeout)).SessionId);
        var archived = (await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c0"), SessionAsks.Timeout)).Archived;
        Assert.Equal("ended", archived?.View.State);
    }
}
