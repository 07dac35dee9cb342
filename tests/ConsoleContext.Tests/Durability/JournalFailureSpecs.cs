using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>A journal that refuses a write: the caller gets a retryable failure, nothing changes, the retry counts once.</summary>
public sealed class JournalFailureSpecs() : TrackerTestKit(TestJournalConfig)
{
    /// <summary>The journal as Akka.Persistence.TestKit's TestJournal, whose writes a spec can make fail.</summary>
    internal const string TestJournalConfig = """
        akka.persistence.journal.plugin = "akka.persistence.journal.test"
        akka.persistence.journal.test {
          class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        """;

    private const string Session = "agent-j";

    [Fact]
    public async Task A_refused_write_fails_the_asker_leaves_the_state_unchanged_and_the_retry_succeeds_exactly_once()
    {
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));
        var tabCreated = SpecEvents.Event(Session, "j1", "tabCreated", ("tabId", "ctab0"), ("seq", 1));
        var callStarted = SpecEvents.Event(Session, "j2", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab0"), ("seq", 2));
        Assert.Equal("applied", (await sessions.SubmitAsync(tabCreated)).Outcome);
        var before = await sessions.SnapshotAsync(Session);

        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));
        await journal.OnWrite.Fail();
        await Assert.ThrowsAsync<JournalWriteException>(() => sessions.SubmitAsync(callStarted));

        await journal.OnWrite.Pass();
        // The refused write stops the ownership actor and a fresh one recovers; a question that reached the
        // stopping one is lost like any request in flight at a journal failure, so ask until the new one answers.
        Queries.SessionSnapshot after = null!;
        await AwaitAssertAsync(async () => after = await sessions.Ask<Queries.SessionSnapshot>(
            new SessionQueries.GetSnapshot(Session), TimeSpan.FromMilliseconds(500)), TimeSpan.FromSeconds(10));
        Assert.Equal(before.EventsSeen, after.EventsSeen);
        Assert.Equal(before.SeqMark, after.SeqMark);
        Assert.Empty(after.Calls);

        var retried = await sessions.SubmitAsync(callStarted);
        Assert.Equal("applied", retried.Outcome);
        Assert.Equal("bound-by-tab", retried.Reason);
        var again = await sessions.SubmitAsync(callStarted);
        Assert.Equal("duplicate", again.Outcome);
        Assert.Single((await sessions.SnapshotAsync(Session)).Calls);
    }
}
