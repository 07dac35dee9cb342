using Akka.Actor;
using Akka.TestKit;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Durability;

/// <summary>The R8 extension: with a reorder window, an event that skips ahead waits for the skipped ones, up to the window.</summary>
public sealed class ReorderWindowSpecs() : TrackerTestKit(@"akka.scheduler.implementation = ""Akka.TestKit.TestScheduler, Akka.TestKit""")
{
    private const string Session = "agent-o";
    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private IActorRef Sessions(TimeSpan window) => Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default,
        lifecycle: SessionLifecycleSettings.Default with { ReorderWindow = window }));

    [Fact]
    public void An_event_that_skips_ahead_is_decided_after_the_one_it_skipped()
    {
        var sessions = Sessions(TimeSpan.FromSeconds(5));
        sessions.Tell(new SessionCommands.Submit(Event(Session, "o1", "tabCreated", ("tabId", "ctab0"), ("seq", 1))));
        Assert.Equal("o1", ExpectMsg<Decision>().EventId);

        // seq 3 arrives before seq 2 (two browser tabs racing): it waits, unanswered.
        sessions.Tell(new SessionCommands.Submit(Event(Session, "o3", "tabClosed", ("tabId", "ctab0"), ("seq", 3))));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        sessions.Tell(new SessionCommands.Submit(Event(Session, "o2", "tabFocused", ("currentTabId", "ctab0"), ("seq", 2))));

        var focused = ExpectMsg<Decision>();
        var closed = ExpectMsg<Decision>();
        Assert.Equal(("o2", Outcomes.Ignored), (focused.EventId, focused.Outcome));
        // Decided in seq order, so the close is not stale and finds the tab open.
        Assert.Equal(("o3", Outcomes.Applied, (string?)null), (closed.EventId, closed.Outcome, closed.Reason));
    }

    [Fact]
    public void At_the_end_of_the_window_a_held_event_is_decided_anyway_and_a_late_one_is_stale()
    {
        var sessions = Sessions(TimeSpan.FromSeconds(5));
        sessions.Tell(new SessionCommands.Submit(Event(Session, "p1", "tabCreated", ("tabId", "ctab0"), ("seq", 1))));
        ExpectMsg<Decision>();
        sessions.Tell(new SessionCommands.Submit(Event(Session, "p3", "tabClosed", ("tabId", "ctab0"), ("seq", 3))));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Clock.Advance(TimeSpan.FromSeconds(5));
        var closed = ExpectMsg<Decision>();
        Assert.Equal(("p3", Outcomes.Applied), (closed.EventId, closed.Outcome));

        sessions.Tell(new SessionCommands.Submit(Event(Session, "p2", "tabFocused", ("currentTabId", "ctab0"), ("seq", 2))));
        Assert.Equal(Outcomes.Stale, ExpectMsg<Decision>().Outcome);
    }

    [Fact]
    public void Without_a_window_events_are_decided_as_they_arrive()
    {
        var sessions = Sessions(TimeSpan.Zero);
        sessions.Tell(new SessionCommands.Submit(Event(Session, "q1", "tabCreated", ("tabId", "ctab0"), ("seq", 1))));
        ExpectMsg<Decision>();
        sessions.Tell(new SessionCommands.Submit(Event(Session, "q3", "tabClosed", ("tabId", "ctab0"), ("seq", 3))));
        Assert.Equal(("q3", Outcomes.Applied), ExpectMsg<Decision>() is var d ? (d.EventId, d.Outcome) : default);
        sessions.Tell(new SessionCommands.Submit(Event(Session, "q2", "tabFocused", ("currentTabId", "ctab0"), ("seq", 2))));
        Assert.Equal(Outcomes.Stale, ExpectMsg<Decision>().Outcome);
    }
}
