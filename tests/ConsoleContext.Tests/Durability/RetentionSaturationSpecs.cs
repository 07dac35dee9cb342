using Akka.Actor;
using Akka.Persistence;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// Time arithmetic on an event's <c>at</c> saturates: a sessionEnded in the year 9999 (refused by the v2 parser, but
/// possibly in a journal written before it) neither wedges its session after a restart nor stops retention for others.
/// </summary>
public sealed class RetentionSaturationSpecs : TrackerTestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset FarFuture = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    [Fact]
    public void Deadlines_saturate_instead_of_overflowing()
    {
        Assert.Equal(DateTimeOffset.MaxValue, RetentionDeadline.Of(FarFuture, TimeSpan.FromDays(1)));
        Assert.Equal(DateTimeOffset.MaxValue, RetentionDeadline.Of(DateTimeOffset.UtcNow, TimeSpan.MaxValue));
        Assert.Equal(DateTimeOffset.MinValue, RetentionDeadline.Of(DateTimeOffset.MinValue, TimeSpan.FromTicks(-1)));
        var ended = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(ended.AddDays(1), RetentionDeadline.Of(ended, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Retention_counts_from_now_when_the_end_lies_in_the_future()
    {
        var now = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(now, RetentionDeadline.EndedAt(FarFuture, now));
        Assert.Equal(now.AddHours(-1), RetentionDeadline.EndedAt(now.AddHours(-1), now));
    }

    [Fact]
    public async Task A_journaled_session_end_in_the_year_9999_recovers_and_the_session_keeps_deciding()
    {
        const string session = "agent-9999";
        var started = SpecEvents.Event(session, "s1", "tabCreated", ("tabId", "ctab0"), ("at", SpecEvents.T0));
        var ended = new ConsoleEvents.SessionEnded(new EventHeader("s2", session, null, FarFuture));
        var entry = new EventsAccepted([started, ended]);
        var writer = Sys.ActorOf(Props.Create(() => new JournalWriter(CallOwnershipActor.PersistenceIdOf(session, "v1/"), entry)));
        Assert.Equal("written", await writer.Ask<string>("write", Wait));

        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, journalScope: "v1/"));
        Assert.Equal(2, (await sessions.SnapshotAsync(session)).EventsSeen);
        var next = await sessions.SubmitAsync(SpecEvents.Event(session, "s3", "tabCreated", ("tabId", "ctab1")));
        Assert.Equal(Outcomes.Applied, next.Outcome);
        Assert.Equal(3, (await sessions.SnapshotAsync(session)).EventsSeen);
    }

    [Fact]
    public async Task A_session_ended_in_the_year_9999_does_not_stop_the_registry_from_waking_other_expired_sessions()
    {
        var lifecycle = SessionLifecycleSettings.Default with { EndedRetention = TimeSpan.FromMilliseconds(100), SweepEvery = TimeSpan.FromMilliseconds(100) };
        var registry = Sys.ActorOf(EndedSessionsActor.Props(lifecycle));
        var sessions = CreateTestProbe();
        registry.Tell(new RetentionMessages.SessionEnded("agent-far", FarFuture));
        registry.Tell(new RetentionMessages.SessionEnded("agent-near", DateTimeOffset.UtcNow.AddMinutes(-1)));
        registry.Tell(new RetentionMessages.SweepThrough(sessions.Ref));

        var woken = sessions.FishForMessage<SessionQueries.GetSnapshot>(_ => true, Wait);
        Assert.Equal("agent-near", woken.SessionId);
        // Later sweeps may wake agent-near again until its removal is journaled, but never the session ended in 9999.
        var later = sessions.ReceiveWhile(TimeSpan.FromMilliseconds(400), m => m as SessionQueries.GetSnapshot);
        Assert.All(later, m => Assert.Equal("agent-near", m!.SessionId));
    }
}
