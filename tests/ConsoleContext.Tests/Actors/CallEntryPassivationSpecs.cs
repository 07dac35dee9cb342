using Akka.Actor;
using ConsoleContext.Actors;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

/// <summary>
/// The local call router passivates an entry that asks for it as the <c>calls</c> shard region does: an entry that archived
/// its ended call leaves memory, a query recovers it from its journal, and nothing routed to it while it stops is lost.
/// </summary>
public sealed class CallEntryPassivationSpecs : TrackerTestKit
{
    private const string Session = "agent-p";
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The entry (its backoff supervisor, the router's child) that serves <paramref name="callKey"/> now.</summary>
    private Task<IActorRef> EntryAsync(IActorRef calls, string callKey) =>
        Sys.ActorSelection(calls.Path / ActorNames.Encode(SessionKey.CallEntryId(callKey))).ResolveOne(SessionAsks.Timeout);

    [Fact]
    public async Task An_entry_that_archived_its_ended_call_stops_and_a_Locate_answers_from_the_archive_recovered_from_the_journal()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(Retention));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        await sessions.SubmitAllAsync(
        [
            Event(Session, "p1", "tabCreated", ("tabId", "ctab1"), ("recordId", "003B000002"), ("objectType", "Contact"), ("at", T0)),
            Event(Session, "p2", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab1"), ("at", T0.AddSeconds(1))),
        ]);
        var entry = await EntryAsync(calls, "c1");
        Watch(entry);

        var ended = await sessions.SubmitAllAsync(
        [
            Event(Session, "p3", "callConnected", ("callId", "c1"), ("at", T0.AddSeconds(2))),
            Event(Session, "p4", "callEnded", ("callId", "c1"), ("at", T0.AddSeconds(30))),
        ]);
        Assert.All(ended, d => Assert.Equal("applied", d.Outcome));

        ExpectTerminated(entry);
        var location = await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c1"), SessionAsks.Timeout);
        Assert.Equal(Session, location.SessionId);
        var archived = Assert.IsType<CallEntryMessages.ArchivedCall>(location.Archived);
        Assert.Equal(Json(await sessions.CallAsync(Session, "c1")), Json(archived.View));
        Assert.Equal("ended", archived.Timeline[^1].State);
        // A new incarnation answered: the one that archived is gone.
        Assert.NotEqual(entry, await EntryAsync(calls, "c1"));
    }

    /// <summary>Sends <paramref name="count"/> lookups to <paramref name="calls"/> the moment it gets an archive's Recorded, as a session would; answers go to <paramref name="answers"/>.</summary>
    private sealed class Racer : ReceiveActor
    {
        public Racer(IActorRef calls, string callKey, int count, IActorRef answers)
        {
            Receive<CallEntryMessages.Recorded>(_ =>
            {
                for (var i = 0; i < count; i++)
                    calls.Tell(new CallEntryMessages.Locate(callKey), answers);
            });
        }
    }

    [Fact]
    public async Task Messages_sent_right_after_an_archives_Recorded_race_its_passivation_and_are_all_answered()
    {
        const int rounds = 20;
        // Under the router's bound (one entry passivates at a time), so none can be answered Restarting; enough that the entry's
        // Passivate lands among them (with 1,000 it reached the router after all of them in every round tried, and none was held).
        const int lookups = 9_000;
        var calls = Sys.ActorOf(CallRouterActor.Props(Retention));
        var asker = CreateTestProbe();
        for (var round = 0; round < rounds; round++)
        {
            calls.Tell(new CallEntryMessages.Start("c-race", Session), asker.Ref);
            asker.ExpectMsg<CallEntryMessages.Recorded>();
            var entry = await EntryAsync(calls, "c-race");
            Watch(entry);

            // The lookups leave on the Recorded, while the entry's Passivate is on its way: some reach the entry before its
            // passivation, some while it stops (held), the rest its next incarnation.
            var racer = Sys.ActorOf(Props.Create(() => new Racer(calls, "c-race", lookups, asker.Ref)));
            calls.Tell(Archive("c-race", $"round-{round}"), racer);

            // Each one answered, by the entry before it stopped or by the next one from the journal, with the archive just written.
            Assert.All(asker.ReceiveN(lookups, SessionAsks.Timeout), answer => Assert.Equal($"round-{round}",
                Assert.IsType<CallEntryMessages.Location>(answer).Archived?.View.CallType));
            ExpectTerminated(entry);
            Sys.Stop(racer);
        }
    }

    [Fact]
    public async Task A_Forget_passivates_its_entry_and_a_Start_after_it_starts_a_new_one()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(Retention));
        var entryId = SessionKey.CallEntryId("c-f");
        await calls.Ask<CallEntryMessages.Recorded>(new CallEntryMessages.Start("c-f", Session), SessionAsks.Timeout);
        var entry = await EntryAsync(calls, "c-f");
        Watch(entry);

        calls.Tell(new CallEntryMessages.Forget(entryId, Session));
        var restarted = calls.Ask<CallEntryMessages.Recorded>(new CallEntryMessages.Start("c-f", "agent-q"), SessionAsks.Timeout);

        ExpectTerminated(entry);
        Assert.Equal("c-f", (await restarted).CallKey);
        Assert.Equal("agent-q", (await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("c-f"), SessionAsks.Timeout)).SessionId);
    }

    /// <summary>An ended call's archive accepted now (its retention counts from the server's clock).</summary>
    private CallEntryMessages.Archive Archive(string callKey, string callType) => new(callKey, Session,
        new CallView(Session, callKey, callType, "ended", "ctab1", null, "ctab1", null, [], new LogSuggestion(null, null)),
        [new TimelineEntry(T0, "e1", "ended", "ctab1", null, null)], Sys.Scheduler.Now);

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, value.GetType(), DecisionJson.Options);
}
