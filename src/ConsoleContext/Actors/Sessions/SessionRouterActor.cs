using Akka.Actor;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// The single entry point for every session message: finds (or starts) the session's actor by the
/// id the <see cref="SessionMessageExtractor"/> reads, exactly as a shard region would.
/// </summary>
public sealed class SessionRouterActor : ReceiveActor
{
    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly SessionMessageExtractor _extractor = new();

    /// <param name="callIndex">Where sessions report the calls they start; Nobody when no by-callId lookup is needed.</param>
    public SessionRouterActor(OwnershipRules rules, IActorRef callIndex)
    {
        _rules = rules;
        _callIndex = callIndex;
        Receive<ISessionMessage>(Route);
    }

    public static Props Props(OwnershipRules rules, IActorRef? callIndex = null) =>
        Akka.Actor.Props.Create(() => new SessionRouterActor(rules, callIndex ?? ActorRefs.Nobody));

    private void Route(ISessionMessage message)
    {
        var sessionId = _extractor.EntityId(message)!;
        var session = Context.Child(sessionId);
        if (session.IsNobody())
            session = Context.ActorOf(SessionActor.Props(sessionId, _rules, _callIndex), sessionId);
        session.Forward(message);
    }
}
