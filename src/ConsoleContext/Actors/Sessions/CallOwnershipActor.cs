using Akka.Actor;
using Akka.Event;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// Decides, for each event of one session, whether it applies to the call-active tab, and answers the
/// asker directly. It owns the session's <see cref="SessionState"/>; the rules themselves are pure
/// (<see cref="OwnershipRules"/>), this actor only feeds them in mailbox order and keeps the result.
/// </summary>
public sealed class CallOwnershipActor : ReceiveActor
{
    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly SessionState _state;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public CallOwnershipActor(string sessionId, OwnershipRules rules, IActorRef callIndex)
    {
        _rules = rules;
        _callIndex = callIndex;
        _state = new SessionState(sessionId);

        Receive<SessionCommands.Submit>(Decide);
        Receive<SessionQueries.GetSnapshot>(_ => Sender.Tell(SessionViews.Snapshot(_state)));
        Receive<SessionQueries.GetCall>(q => Sender.Tell(_state.Calls.TryGetValue(q.CallId, out var call)
            ? SessionViews.Call(_state, call)
            : new SessionQueries.CallNotFound(q.SessionId, q.CallId)));
    }

    public static Props Props(string sessionId, OwnershipRules rules, IActorRef callIndex) =>
        Akka.Actor.Props.Create(() => new CallOwnershipActor(sessionId, rules, callIndex));

    private void Decide(SessionCommands.Submit submit)
    {
        Ruling ruling;
        try
        {
            ruling = _rules.Decide(_state, submit.Event, Context.System.Scheduler.Now);
        }
        catch (Exception ex)
        {
            // Decide never changes the state, so the session carries on exactly as before this event.
            _log.Error(ex, "Session {SessionId} could not decide {EventType} {EventId}; state unchanged",
                _state.SessionId, submit.Event.Type, submit.Event.EventId);
            Sender.Tell(new Status.Failure(ex));
            return;
        }

        if (ruling.Accepted)
            OwnershipRules.Apply(_state, ruling.Changes);
        // Told before the answer, so whoever reads the decision can already look the call up by id.
        if (submit.Event is ConsoleEvents.CallStarted started && ruling.Decision.Outcome == Outcomes.Applied)
            _callIndex.Tell(new CallIndexMessages.CallStartedIn(started.CallId, _state.SessionId));
        Sender.Tell(ruling.Decision);
        Context.Parent.Tell(new SessionEvents.Decided(submit.Event, ruling.Decision, ruling.Changes));
    }
}
