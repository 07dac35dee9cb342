using Akka.Actor;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Calls;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>A call's entry as the cluster runs it: a refused write no longer stops it for good; it starts again and recovers.</summary>
public sealed class SingletonBackoffSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_call_entry_starts_again_after_a_refused_write_and_still_knows_what_it_recorded()
    {
        var entry = Sys.ActorOf(CallRouterActor.EntryProps("c1", TimeSpan.FromHours(24)));
        Assert.IsType<CallEntryMessages.Recorded>(await entry.Ask(new CallEntryMessages.Start("c1", "agent-1"), Wait));

        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        await journal.OnWrite.Fail();
        // The asker of the refused write is answered at once, not left to its timeout.
        Assert.IsType<CallIndexMessages.Restarting>(await entry.Ask(new CallEntryMessages.Start("c1", "agent-2"), Wait));
        // While it waits to start again, a question is answered at once (the HTTP caller gets 503 with Retry-After).
        await AwaitAssertAsync(async () => Assert.IsType<CallIndexMessages.Restarting>(
            await entry.Ask(new CallEntryMessages.Locate("c1"), TimeSpan.FromMilliseconds(100))), Wait, TimeSpan.FromMilliseconds(20));
        await journal.OnWrite.Pass();

        // Once restarted (after the backoff) it answers again, from the journal.
        await AwaitAssertAsync(async () =>
        {
            var found = await entry.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c1"), TimeSpan.FromMilliseconds(500));
            Assert.Equal("agent-1", found.SessionId);
        }, Wait, TimeSpan.FromMilliseconds(200));
        Assert.IsType<CallEntryMessages.Recorded>(await entry.Ask(new CallEntryMessages.Start("c1", "agent-3"), Wait));
        Assert.Equal("agent-3", (await entry.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c1"), Wait)).SessionId);
    }
}
