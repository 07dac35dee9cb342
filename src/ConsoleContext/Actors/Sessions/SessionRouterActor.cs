using Akka.Actor;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// The single entry point for every session message: finds (or starts) the session's actor by the
/// id the <see cref="SessionMessageExtractor"/> reads, exactly as a shard region would, and passivates
/// idle sessions without losing what arrives while one stops.
/// </summary>
public sealed class SessionRouterActor : ReceiveActor
{
    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly SessionLifecycleSettings _lifecycle;
    private readonly SessionMessageExtractor _extractor = new();
    // Sessions being stopped, with what arrived for them meanwhile (delivered to the next incarnation).
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _passivating = new(StringComparer.Ordinal);

    /// <param name="callIndex">Where sessions report the calls they start; Nobody when no by-callId lookup is needed.</param>
    public SessionRouterActor(OwnershipRules rules, IActorRef callIndex, SessionLifecycleSettings lifecycle)
    {
        _rules = rules;
        _callIndex = callIndex;
        _lifecycle = lifecycle;
        Receive<ISessionMessage>(Route);
        Receive<SessionEvents.Passivate>(Passivate);
        Receive<Terminated>(OnTerminated);
    }

    public static Props Props(OwnershipRules rules, IActorRef? callIndex = null, SessionLifecycleSettings? lifecycle = null) =>
        Akka.Actor.Props.Create(() => new SessionRouterActor(rules, callIndex ?? ActorRefs.Nobody, lifecycle ?? SessionLifecycleSettings.Default));

    private void Route(ISessionMessage message)
    {
        var sessionId = _extractor.EntityId(message)!;
        if (_passivating.TryGetValue(sessionId, out var buffer))
        {
            buffer.Add((message, Sender));
            return;
        }
        SessionFor(sessionId).Forward(message);
    }

    private IActorRef SessionFor(string sessionId)
    {
        var session = Context.Child(sessionId);
        if (!session.IsNobody())
            return session;
        session = Context.ActorOf(SessionActor.Props(sessionId, _rules, _callIndex, _lifecycle), sessionId);
        Context.Watch(session);
        return session;
    }

    private void Passivate(SessionEvents.Passivate passivate)
    {
        var session = Context.Child(passivate.SessionId);
        if (session.IsNobody() || _passivating.ContainsKey(passivate.SessionId))
            return;
        _passivating[passivate.SessionId] = [];
        Context.Stop(session);
    }

    private void OnTerminated(Terminated terminated)
    {
        var sessionId = terminated.ActorRef.Path.Name;
        if (!_passivating.Remove(sessionId, out var buffer) || buffer.Count == 0)
            return;
        var session = SessionFor(sessionId);
        foreach (var (message, sender) in buffer)
            session.Tell(message, sender);
    }
}
