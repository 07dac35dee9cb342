using System.Text.Json;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class FaultInjectionSpecs : TrackerTestKit
{
    private const string Session = "agent-faulty";

    private static readonly ConsoleEvent[] Before =
    [
        Event(Session, "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("objectType", "Account"), ("seq", 1)),
        Event(Session, "e2", "tabFocused", ("currentTabId", "ctab0"), ("seq", 2)),
        Event(Session, "e3", "clickToDial", ("number", "+1 415 555 0100"), ("recordId", "003C"), ("objectType", "Contact"), ("seq", 3), ("at", T0)),
        Event(Session, "e4", "tabCreated", ("tabId", "ctab1"), ("recordId", "500X"), ("seq", 4)),
    ];

    // seq 100: had the faulty event been remembered, every event after it would be stale.
    private static readonly ConsoleEvent Boom =
        Event(Session, "boom", "callStarted", ("callId", "c9"), ("callType", "inbound"), ("tabId", "ctab1"), ("seq", 100));

    private static readonly ConsoleEvent[] After =
    [
        Event(Session, "e5", "callStarted", ("callId", "c1"), ("callType", "outbound"), ("phoneNumber", "4155550100"), ("seq", 5), ("at", T0.AddSeconds(20))),
        Event(Session, "e6", "navigationChanged", ("url", "/lightning/r/500Y/view"), ("recordId", "500Y"), ("seq", 6)),
        Event(Session, "e7", "tabFocused", ("currentTabId", "ctab1"), ("seq", 7)),
        Event(Session, "e8", "callConnected", ("callId", "c1"), ("seq", 8)),
        Event(Session, "e9", "callStarted", ("callId", "c9"), ("callType", "inbound"), ("tabId", "ctab1"), ("seq", 9)),
    ];

    [Fact]
    public async Task The_asker_of_a_faulting_event_gets_a_failure_and_the_session_goes_on_as_if_it_never_came()
    {
        var healthy = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "healthy");
        var faulty = Sys.ActorOf(SessionRouterActor.Props(new ThrowingOwnershipRules(Boom.EventId)), "faulty");

        var healthyBefore = await healthy.SubmitAllAsync(Before);
        var healthySnapshot = await healthy.SnapshotAsync(Session);
        var healthyAfter = await healthy.SubmitAllAsync(After);

        var faultyBefore = await faulty.SubmitAllAsync(Before);
        var ownership = await Sys.ActorSelection($"/user/faulty/{Session}/ownership-1").ResolveOne(SessionAsks.Timeout);
        Watch(ownership);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => faulty.SubmitAsync(Boom));
        var faultySnapshot = await faulty.SnapshotAsync(Session);
        var faultyAfter = await faulty.SubmitAllAsync(After);

        Assert.Contains("injected fault", failure.Message);
        Assert.Equal(healthyBefore.Select(Wire), faultyBefore.Select(Wire));
        Assert.Equal(healthyAfter.Select(Wire), faultyAfter.Select(Wire));
        Assert.Equal(Reasons.BoundByClickToDial, faultyAfter[0].Reason);
        Assert.Equal((Outcomes.Applied, Reasons.BoundByTab), (faultyAfter[^1].Outcome, faultyAfter[^1].Reason));

        Assert.Equal(JsonSerializer.Serialize(healthySnapshot), JsonSerializer.Serialize(faultySnapshot));
        Assert.Equal((Before.Length, 4L), (faultySnapshot.EventsSeen, faultySnapshot.SeqMark));
        var final = await faulty.SnapshotAsync(Session);
        Assert.Equal((Before.Length + After.Length, 9L), (final.EventsSeen, final.SeqMark));

        // Resumed, not restarted or stopped: same actor, and it never lost the state it had before the fault.
        Assert.Equal(ownership, await Sys.ActorSelection($"/user/faulty/{Session}/ownership-1").ResolveOne(SessionAsks.Timeout));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_faulting_event_is_not_streamed_to_subscribers()
    {
        var faulty = Sys.ActorOf(SessionRouterActor.Props(new ThrowingOwnershipRules(Boom.EventId)));
        var subscriber = CreateTestProbe();
        faulty.Tell(new SessionCommands.SubscribeDecisions(Session, subscriber.Ref));

        await faulty.SubmitAllAsync(Before);
        await Assert.ThrowsAsync<InvalidOperationException>(() => faulty.SubmitAsync(Boom));
        await faulty.SubmitAllAsync(After);

        var streamed = subscriber.ReceiveN(Before.Length + After.Length).Cast<StreamedDecision>().Select(s => s.Decision).Select(d => d.EventId);
        Assert.Equal(Before.Concat(After).Select(e => e.EventId), streamed);
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task The_fault_is_logged_with_the_session_and_event()
    {
        var faulty = Sys.ActorOf(SessionRouterActor.Props(new ThrowingOwnershipRules(Boom.EventId)));
        await faulty.SubmitAllAsync(Before);

        await EventFilter.Exception<InvalidOperationException>(contains: $"{Session} could not decide callStarted boom").ExpectOneAsync(async () =>
            await Assert.ThrowsAsync<InvalidOperationException>(() => faulty.SubmitAsync(Boom)));
    }
}
