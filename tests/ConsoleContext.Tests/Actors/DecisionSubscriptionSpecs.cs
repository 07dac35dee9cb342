using Akka.Actor;
using Akka.Event;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class DecisionSubscriptionSpecs : TrackerTestKit
{
    private readonly IActorRef _sessions;

    public DecisionSubscriptionSpecs() => _sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));

    [Fact]
    public async Task A_subscriber_gets_every_decision_of_its_session_in_order_and_none_of_other_sessions()
    {
        var subscriber = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-a", subscriber.Ref));

        var decisions = new List<Decision>();
        for (var i = 1; i <= 40; i++)
        {
            // Interleaved with another session, and covering every outcome a session can produce.
            decisions.Add(await _sessions.SubmitAsync(Event("agent-a", $"a{i}", "tabUpdated", ("tabId", "ctab0"), ("seq", i))));
            await _sessions.SubmitAsync(Event("agent-b", $"b{i}", "tabCreated", ("tabId", "ctab0"), ("seq", i)));
        }
        decisions.Add(await _sessions.SubmitAsync(Event("agent-a", "a1", "tabCreated", ("tabId", "ctab0"))));
        decisions.Add(await _sessions.SubmitAsync(Event("agent-a", "late", "tabCreated", ("tabId", "ctab0"), ("seq", 3))));
        decisions.Add(await _sessions.SubmitAsync(Event("agent-a", "cycle", "tabCreated", ("tabId", "ctab0"), ("parentTabId", "ctab0"))));

        var streamed = subscriber.ReceiveN(decisions.Count).Cast<StreamedDecision>().Select(s => s.Decision).ToList();
        Assert.Equal(decisions.Select(Wire), streamed.Select(Wire));
        Assert.Equal([Outcomes.Duplicate, Outcomes.Stale, Outcomes.Rejected], streamed.TakeLast(3).Select(d => d.Outcome));
        subscriber.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Decisions_are_streamed_in_session_order_when_events_are_not_awaited_one_by_one()
    {
        var subscriber = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-a", subscriber.Ref));

        var asks = Enumerable.Range(1, 200)
            .Select(i => _sessions.SubmitAsync(Event("agent-a", $"a{i}", "agentStatusChanged", ("status", $"s{i}"), ("seq", i))))
            .ToList();
        var answered = await Task.WhenAll(asks);

        Assert.Equal(answered.Select(d => d.EventId), subscriber.ReceiveN(200).Cast<StreamedDecision>().Select(s => s.Decision).Select(d => d.EventId));
        Assert.All(answered, d => Assert.Equal(Outcomes.Applied, d.Outcome));
    }

    [Fact]
    public async Task An_unsubscribed_actor_gets_no_more_decisions()
    {
        var leaving = CreateTestProbe();
        var staying = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-a", leaving.Ref));
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-a", staying.Ref));

        await _sessions.SubmitAsync(Event("agent-a", "e1", "tabCreated", ("tabId", "ctab0")));
        Assert.Equal("e1", leaving.ExpectMsg<StreamedDecision>().Decision.EventId);
        Assert.Equal("e1", staying.ExpectMsg<StreamedDecision>().Decision.EventId);

        _sessions.Tell(new SessionCommands.UnsubscribeDecisions("agent-a", leaving.Ref));
        await _sessions.SubmitAsync(Event("agent-a", "e2", "tabCreated", ("tabId", "ctab1")));

        Assert.Equal("e2", staying.ExpectMsg<StreamedDecision>().Decision.EventId);
        leaving.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_terminated_subscriber_is_dropped()
    {
        var doomed = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-a", doomed.Ref));
        await _sessions.SubmitAsync(Event("agent-a", "e0", "tabCreated", ("tabId", "ctab0")));
        doomed.ExpectMsg<StreamedDecision>();

        var deadLetters = CreateTestProbe();
        Sys.EventStream.Subscribe(deadLetters.Ref, typeof(DeadLetter));
        Watch(doomed.Ref);
        Sys.Stop(doomed.Ref);
        ExpectTerminated(doomed.Ref);

        // The probe sees what a decision sent to the dead subscriber would look like.
        doomed.Ref.Tell(new StreamedDecision(SessionKey.DefaultTenant, JournalPosition.Start, false,
            new Decision("probe", "agent-a", "tabCreated", null, null, Outcomes.Applied, null, [])));
        deadLetters.ExpectMsg<DeadLetter>(d => d.Recipient.Equals(doomed.Ref) && d.Message is StreamedDecision);

        // The session learns of the death asynchronously; once it has, no decision is ever sent to the dead subscriber again.
        var attempt = 0;
        await AwaitAssertAsync(async () =>
        {
            var eventId = $"e{++attempt}";
            await _sessions.SubmitAsync(Event("agent-a", eventId, "tabUpdated", ("tabId", "ctab0")));
            await SessionHasStreamedEverything();
            var lost = deadLetters.ReceiveWhile(TimeSpan.FromMilliseconds(50), m => m as DeadLetter).OfType<DeadLetter>()
                .Where(d => d.Recipient.Equals(doomed.Ref) && d.Message is StreamedDecision { Decision: var decision } && decision.EventId == eventId);
            Assert.Empty(lost);
        }, TimeSpan.FromSeconds(5));

        for (var i = 0; i < 10; i++)
            await _sessions.SubmitAsync(Event("agent-a", $"more{i}", "tabUpdated", ("tabId", "ctab0")));
        await SessionHasStreamedEverything();
        Assert.DoesNotContain(deadLetters.ReceiveWhile(TimeSpan.FromMilliseconds(100), m => m as DeadLetter).OfType<DeadLetter>(),
            d => d.Recipient.Equals(doomed.Ref));
    }

    /// <summary>
    /// The ownership actor told the session every earlier decision before it answers the snapshot, and the session
    /// streams them before it reads the next query; streaming to a dead subscriber publishes the dead letter right away.
    /// </summary>
    private async Task SessionHasStreamedEverything()
    {
        await _sessions.SnapshotAsync("agent-a");
        await _sessions.TabActivityAsync("agent-a", "no-such-tab");
    }
}
