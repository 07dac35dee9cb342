using Akka.Actor;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

/// <summary>
/// One entry per call: it knows the session that started the call and, once the call has ended, archives the answers the
/// session gives for it, exactly; a new life clears the archive; the archive goes ended-call-retention after the end by
/// the server's clock.
/// </summary>
public sealed class CallArchiveSpecs : TrackerTestKit
{
    private const string Session = "agent-a";

    private static IEnumerable<ConsoleEvent> EndedCall(string callId = "c1") =>
    [
        Event(Session, "a1", "tabCreated", ("tabId", "ctab1"), ("recordId", "003B000002"), ("objectType", "Contact"), ("recordName", "Ada"), ("at", T0)),
        Event(Session, "a2", "callStarted", ("callId", callId), ("callType", "inbound"), ("tabId", "ctab1"), ("at", T0.AddSeconds(1))),
        Event(Session, "a3", "callConnected", ("callId", callId), ("at", T0.AddSeconds(2))),
        Event(Session, "a4", "callEnded", ("callId", callId), ("at", T0.AddSeconds(30))),
    ];

    private static Task<CallEntryMessages.Location> LocateAsync(IActorRef calls, string callKey) =>
        calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate(callKey), SessionAsks.Timeout);

    [Fact]
    public async Task An_ended_calls_archive_is_the_same_json_as_the_sessions_answers_before_and_after_the_session_recovers()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls, journalScope: "archive/"), "router-a");
        var decisions = await sessions.SubmitAllAsync(EndedCall());
        Assert.All(decisions, d => Assert.Equal("applied", d.Outcome));

        var location = await LocateAsync(calls, "c1");
        var archived = Assert.IsType<CallEntryMessages.ArchivedCall>(location.Archived);
        Assert.Equal(Session, location.SessionId);
        var view = await sessions.CallAsync(Session, "c1");
        var timeline = (SessionQueries.Timeline)await sessions.TimelineAsync(Session, "c1");
        Assert.Equal(Json(view), Json(archived.View));
        Assert.Equal(Json(timeline.Entries), Json(archived.Timeline));
        Assert.Equal("ended", archived.View.State);
        Assert.Equal("ended", archived.Timeline[^1].State);

        // The session stops and recovers from its journal (as after passivation or on another node): still the same answers.
        var session = await Sys.ActorSelection($"/user/router-a/{Session}").ResolveOne(SessionAsks.Timeout);
        Watch(session);
        sessions.Tell(new Akka.Cluster.Sharding.Passivate(SessionCommands.StopWhenSettled.Instance), session);
        ExpectTerminated(session);
        Assert.Equal(Json(archived.View), Json(await sessions.CallAsync(Session, "c1")));
        Assert.Equal(Json(archived.Timeline), Json(((SessionQueries.Timeline)await sessions.TimelineAsync(Session, "c1")).Entries));
    }

    [Fact]
    public async Task A_later_change_to_an_ended_call_updates_its_archive_and_a_new_life_clears_it()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        await sessions.SubmitAllAsync(EndedCall());
        var first = (await LocateAsync(calls, "c1")).Archived!;

        var restarted = await sessions.SubmitAsync(Event(Session, "a5", "callStarted", ("callId", "c1"), ("callType", "transfer"), ("at", T0.AddSeconds(60))));
        Assert.Equal(("applied", "pending-owner"), (restarted.Outcome, restarted.Reason));
        var during = await LocateAsync(calls, "c1");
        Assert.Equal((Session, null), (during.SessionId, during.Archived));

        await sessions.SubmitAsync(Event(Session, "a6", "callEnded", ("callId", "c1"), ("at", T0.AddSeconds(90))));
        var second = (await LocateAsync(calls, "c1")).Archived!;
        Assert.Equal("transfer", second.View.CallType);
        Assert.Equal(Json(await sessions.CallAsync(Session, "c1")), Json(second.View));
        Assert.NotEqual(Json(first.View), Json(second.View));
    }

    [Fact]
    public async Task A_session_that_no_longer_owns_the_call_id_cannot_overwrite_its_entry()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        await sessions.SubmitAsync(Event(Session, "b1", "callStarted", ("callId", "c7"), ("callType", "inbound"), ("at", T0)));
        // Transferred: another agent's session starts the same call id.
        await sessions.SubmitAsync(Event("agent-b", "b2", "callStarted", ("callId", "c7"), ("callType", "transfer"), ("at", T0.AddSeconds(5))));
        await sessions.SubmitAsync(Event(Session, "b3", "callEnded", ("callId", "c7"), ("at", T0.AddSeconds(6))));

        var location = await LocateAsync(calls, "c7");
        Assert.Equal(("agent-b", null), (location.SessionId, location.Archived));
    }

    [Fact]
    public async Task An_archive_is_deleted_with_its_journal_ended_call_retention_after_the_end_by_the_servers_clock()
    {
        var retention = TimeSpan.FromMilliseconds(800);
        var calls = Sys.ActorOf(CallRouterActor.Props(retention));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        // The events' own times lie far in the past: the archive still counts from when the server accepted the end.
        var before = Sys.Scheduler.Now;
        await sessions.SubmitAllAsync(EndedCall("c9"));
        var archived = (await LocateAsync(calls, "c9")).Archived!;
        Assert.InRange(archived.EndedAt, before, Sys.Scheduler.Now);

        await AwaitAssertAsync(async () => Assert.Equal((null, null), ((await LocateAsync(calls, "c9")).SessionId, (await LocateAsync(calls, "c9")).Archived)),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
        Assert.True(Sys.Scheduler.Now - archived.EndedAt >= retention);
        // Its journal is gone: a fresh entry for the same call recovers nothing.
        var fresh = Sys.ActorOf(CallRouterActor.Props(retention));
        Assert.Equal((null, null), ((await LocateAsync(fresh, "c9")).SessionId, (await LocateAsync(fresh, "c9")).Archived));
    }

    [Fact]
    public async Task A_session_forgetting_an_ended_call_by_r11_time_deletes_its_entrys_journal()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var rules = new OwnershipRules(OwnershipSettings.Default with { EndedCallRetention = TimeSpan.FromHours(1) });
        var sessions = Sys.ActorOf(SessionRouterActor.Props(rules, calls));
        await sessions.SubmitAllAsync(EndedCall("c5"));
        Assert.NotNull((await LocateAsync(calls, "c5")).Archived);

        // The first event more than ended-call-retention after the end (by the events' times) forgets the call (R11).
        await sessions.SubmitAsync(Event(Session, "a5", "tabFocused", ("tabId", "ctab1"), ("at", T0.AddHours(2))));

        Assert.IsType<SessionQueries.CallNotFound>(await sessions.CallAsync(Session, "c5"));
        await AwaitForgottenAsync("c5");
    }

    [Fact]
    public async Task A_session_forgetting_a_tombstoned_call_deletes_its_entrys_journal_too()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        // One ended call kept in full: the earlier ended one is only a tombstone (its digest and end) when both are forgotten.
        var rules = new OwnershipRules(OwnershipSettings.Default with { EndedCallRetention = TimeSpan.FromHours(1), EndedCallsInFull = 1 });
        var sessions = Sys.ActorOf(SessionRouterActor.Props(rules, calls));
        await sessions.SubmitAllAsync(EndedCall("c1"));
        await sessions.SubmitAllAsync(
        [
            Event(Session, "b1", "callStarted", ("callId", "c2"), ("callType", "inbound"), ("tabId", "ctab1"), ("at", T0.AddMinutes(1))),
            Event(Session, "b2", "callEnded", ("callId", "c2"), ("at", T0.AddMinutes(2))),
        ]);
        // c1 is a tombstone now: the session no longer answers for it, its entry does.
        Assert.IsType<SessionQueries.CallNotFound>(await sessions.CallAsync(Session, "c1"));
        Assert.IsType<Queries.CallView>(await sessions.CallAsync(Session, "c2"));
        Assert.NotNull((await LocateAsync(calls, "c1")).Archived);

        await sessions.SubmitAsync(Event(Session, "b3", "tabFocused", ("tabId", "ctab1"), ("at", T0.AddHours(2))));

        await AwaitForgottenAsync("c1");
        await AwaitForgottenAsync("c2");
    }

    [Fact]
    public async Task A_call_dropped_past_the_ended_calls_bound_has_its_entry_forgotten()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var rules = new OwnershipRules(OwnershipSettings.Default with { MaxEndedCalls = 2, EndedCallsInFull = 1 });
        var sessions = Sys.ActorOf(SessionRouterActor.Props(rules, calls));
        await sessions.SubmitAllAsync(EndedCall("c1"));
        for (var n = 2; n <= 3; n++)
            await sessions.SubmitAllAsync(
            [
                Event(Session, $"b{n}s", "callStarted", ("callId", $"c{n}"), ("callType", "inbound"), ("tabId", "ctab1"), ("at", T0.AddMinutes(n))),
                Event(Session, $"b{n}e", "callEnded", ("callId", $"c{n}"), ("at", T0.AddMinutes(n).AddSeconds(30))),
            ]);

        // The third end leaves the earliest (a tombstone by then) beyond the bound of two: its entry goes, the others stay.
        await AwaitForgottenAsync("c1");
        Assert.NotNull((await LocateAsync(calls, "c2")).Archived);
        Assert.NotNull((await LocateAsync(calls, "c3")).Archived);
    }

    [Fact]
    public async Task A_session_deleted_after_its_sessionEnded_forgets_its_calls_entries()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var lifecycle = SessionLifecycleSettings.Default with { EndedRetention = TimeSpan.FromMilliseconds(300) };
        var rules = new OwnershipRules(OwnershipSettings.Default with { EndedCallsInFull = 1 });
        var sessions = Sys.ActorOf(SessionRouterActor.Props(rules, calls, lifecycle));
        await sessions.SubmitAllAsync(EndedCall("c1"));
        await sessions.SubmitAllAsync(
        [
            Event(Session, "b1", "callStarted", ("callId", "c2"), ("callType", "inbound"), ("tabId", "ctab1"), ("at", T0.AddMinutes(1))),
            Event(Session, "b2", "callEnded", ("callId", "c2"), ("at", T0.AddMinutes(2))),
        ]);
        Assert.NotNull((await LocateAsync(calls, "c1")).Archived);
        Assert.NotNull((await LocateAsync(calls, "c2")).Archived);

        await sessions.SubmitAsync(Event(Session, "b3", "sessionEnded", ("at", T0.AddMinutes(3))));

        // Its retention passes and it deletes itself: the tombstoned call's entry and the one in full go with it.
        await AwaitForgottenAsync("c1");
        await AwaitForgottenAsync("c2");
    }

    [Fact]
    public async Task A_forget_from_a_session_that_no_longer_owns_the_call_id_is_ignored()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var entryId = SessionKey.CallEntryId(SessionKey.CallKey("acme", "c7"));
        await calls.Ask<CallEntryMessages.Recorded>(new CallEntryMessages.Start(SessionKey.CallKey("acme", "c7"), "agent-a"), SessionAsks.Timeout);
        // Transferred: agent-b's session starts the same call id; agent-a's session then forgets it.
        var recorded = await calls.Ask<CallEntryMessages.Recorded>(new CallEntryMessages.Start(SessionKey.CallKey("acme", "c7"), "agent-b"), SessionAsks.Timeout);
        Assert.Equal(SessionKey.CallKey("acme", "c7"), recorded.CallKey);
        calls.Tell(new CallEntryMessages.Forget(entryId, "agent-a"));

        var location = await LocateAsync(calls, SessionKey.CallKey("acme", "c7"));
        Assert.Equal((SessionKey.CallKey("acme", "c7"), "agent-b"), (location.CallKey, location.SessionId));
        Assert.Equal("agent-b", (await LocateAsync(Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24))), SessionKey.CallKey("acme", "c7"))).SessionId);

        // The owner's forget does delete it.
        calls.Tell(new CallEntryMessages.Forget(entryId, "agent-b"));
        await AwaitForgottenAsync(SessionKey.CallKey("acme", "c7"));
    }

    /// <summary>Polls, each time through a fresh router whose entry recovers from the journal, until the call's entry recovers nothing.</summary>
    private Task AwaitForgottenAsync(string callKey) => AwaitAssertAsync(async () =>
    {
        var location = await LocateAsync(Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24))), callKey);
        Assert.Equal((null, null), (location.SessionId, location.Archived));
    }, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));

    [Fact]
    public async Task An_ended_sessions_retention_counts_from_when_the_server_accepted_the_sessionEnded_not_from_its_at()
    {
        var registry = CreateTestProbe();
        var lifecycle = SessionLifecycleSettings.Default with { EndedRetention = TimeSpan.FromHours(1) };
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle, endedSessions: registry.Ref));
        await sessions.SubmitAsync(Event(Session, "s1", "tabCreated", ("tabId", "ctab0")));
        var accepted = Sys.Scheduler.Now;
        // The bridge's clock says the session ended two hours ago, longer ago than the retention.
        await sessions.SubmitAsync(Event(Session, "s2", "sessionEnded", ("at", accepted.AddHours(-2))));

        var ended = registry.ExpectMsg<RetentionMessages.SessionEnded>();
        Assert.InRange(ended.EndedAt, accepted, Sys.Scheduler.Now);
        // So the session is still there: its deletion is an hour from now.
        Assert.Equal(2, (await sessions.SnapshotAsync(Session)).EventsSeen);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value, value.GetType(), DecisionJson.Options);
}
