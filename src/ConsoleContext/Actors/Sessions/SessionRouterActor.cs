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
    private readonly SessionMessageExtractor _extractor = new();

    public SessionRouterActor(OwnershipRules rules)
    {
        _rules = rules;
        Receive<ISessionMessage>(Route);
    }

    public static Props Props(OwnershipRules rules) => Akka.Actor.Props.Create(() => new SessionRouterActor(rules));

    private void Route(ISessionMessage message)
    {
        var sessionId = _extractor.EntityId(message)!;
        var session = Context.Child(sessionId);
        if (session.IsNobody())
            session = Context.ActorOf(SessionActor.Props(sessionId, _rules), sessionId);
        session.Forward(message);
    }
}
