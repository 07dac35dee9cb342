using Akka.Actor;
using Akka.TestKit;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

/// <summary>Events without <c>at</c> are timed by the actor system's scheduler clock, which a TestScheduler lets the spec move.</summary>
public sealed class SchedulerClockSpecs() : TrackerTestKit(@"akka.scheduler.implementation = ""Akka.TestKit.TestScheduler, Akka.TestKit""")
{
    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    [Theory]
    [InlineData(59, Reasons.BoundByClickToDial, "ctab0")]
    [InlineData(60, Reasons.BoundByClickToDial, "ctab0")]
    [InlineData(61, Reasons.PendingOwner, null)]
    public async Task A_click_to_dial_binds_a_call_only_within_the_window_of_scheduler_time(int secondsLater, string reason, string? owner)
    {
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));
        await sessions.SubmitAllAsync([
            Event("agent-1", "e1", "tabCreated", ("tabId", "ctab0"), ("recordId", "003C")),
            Event("agent-1", "e2", "tabFocused", ("currentTabId", "ctab0")),
            Event("agent-1", "e3", "clickToDial", ("number", "+1 (415) 555-0100")),
        ]);

        Clock.Advance(TimeSpan.FromSeconds(secondsLater));
        var call = await sessions.SubmitAsync(
            Event("agent-1", "e4", "callStarted", ("callId", "c1"), ("callType", "outbound"), ("phoneNumber", "4155550100")));

        Assert.Equal((Outcomes.Applied, reason), (call.Outcome, call.Reason));
        Assert.Equal(owner, Assert.Single(call.Calls).OwnerTabId);
    }

    [Fact]
    public async Task An_event_with_at_is_timed_by_at_not_by_the_scheduler()
    {
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));
        var clickedAt = Clock.Now;
        await sessions.SubmitAllAsync([
            Event("agent-1", "e1", "tabCreated", ("tabId", "ctab0")),
            Event("agent-1", "e2", "clickToDial", ("number", "4155550100"), ("tabId", "ctab0")),
        ]);

        Clock.Advance(TimeSpan.FromSeconds(120));
        var call = await sessions.SubmitAsync(Event("agent-1", "e3", "callStarted", ("callId", "c1"), ("callType", "outbound"),
            ("phoneNumber", "4155550100"), ("at", clickedAt.AddSeconds(30))));

        Assert.Equal(Reasons.BoundByClickToDial, call.Reason);
    }
}
