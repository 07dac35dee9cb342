using Akka.Actor;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Hosting;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>The call directory as the cluster runs it: a refused write no longer stops it for good; it starts again and recovers.</summary>
public sealed class SingletonBackoffSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_call_directory_starts_again_after_a_refused_write_and_still_knows_what_it_recorded()
    {
        var directory = Sys.ActorOf(ConsoleContextCluster.RestartedWithBackoff(CallIndexActor.Props(), "directory", new CallIndexMessages.Restarting()));
        Assert.IsType<CallIndexMessages.Recorded>(await directory.Ask(new CallIndexMessages.CallStartedIn("c1", "agent-1"), Wait));

        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        await journal.OnWrite.Fail();
        directory.Tell(new CallIndexMessages.CallStartedIn("c2", "agent-2"));
        // While it waits to start again, a question is answered at once (the HTTP caller gets 503 with Retry-After).
        await AwaitAssertAsync(async () => Assert.IsType<CallIndexMessages.Restarting>(
            await directory.Ask(new CallIndexMessages.Locate("c1"), TimeSpan.FromMilliseconds(100))), Wait, TimeSpan.FromMilliseconds(20));
        await journal.OnWrite.Pass();

        // Once restarted (after the backoff) it answers again, from the journal.
        await AwaitAssertAsync(async () =>
        {
            var found = await directory.Ask<CallIndexMessages.CallLocation>(new CallIndexMessages.Locate("c1"), TimeSpan.FromMilliseconds(500));
            Assert.Equal("agent-1", found.SessionId);
        }, Wait, TimeSpan.FromMilliseconds(200));
        Assert.IsType<CallIndexMessages.Recorded>(await directory.Ask(new CallIndexMessages.CallStartedIn("c3", "agent-3"), Wait));
        Assert.Equal("agent-3", (await directory.Ask<CallIndexMessages.CallLocation>(new CallIndexMessages.Locate("c3"), Wait)).SessionId);
    }
}
