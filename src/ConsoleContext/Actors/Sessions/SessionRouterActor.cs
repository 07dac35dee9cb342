using Akka.Actor;
using Akka.Cluster.Sharding;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// The local stand-in for the sessions' shard region (replay, simulation in memory, TestKit): finds (or starts) the
/// session's actor by the id the <see cref="SessionMessageExtractor"/> reads, exactly as a shard region would, and
/// passivates on a session's <see cref="Passivate"/> as a shard does: the stop message is queued behind what was
/// already routed to the session, and what arrives while it stops goes to its next incarnation.
/// </summary>
public sealed class SessionRouterActor : ReceiveActor
{
    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly IActorRef _endedSessions;
    private readonly SessionLifecycleSettings _lifecycle;
    private readonly string _journalScope;
    private readonly SessionMessageExtractor _extractor = new();
    // Sessions (by entity id) being stopped, with what arrived for them meanwhile (delivered to the next incarnation).
    // Unbounded, as before: a session passivates only after passivate-after idle, so what arrives while it stops is one
    // journal write's worth of its own traffic.
    private readonly PassivationHold<object> _passivating = new(int.MaxValue);

    /// <summary>The journal scope of the service's sessions: persistence ids are <c>session-{sessionId}</c> (<see cref="SessionKey.PersistenceId"/>).</summary>
    public const string DurableScope = "";

    /// <param name="callIndex">Where sessions report the calls they start; Nobody when no by-callId lookup is needed.</param>
    /// <param name="journalScope">Prefix of the sessions' persistence ids: <see cref="DurableScope"/> for the service.</param>
    /// <param name="endedSessions">The ended-sessions registry that wakes expired sessions; Nobody when there is none.</param>
    public SessionRouterActor(OwnershipRules rules, IActorRef callIndex, SessionLifecycleSettings lifecycle, string journalScope, IActorRef endedSessions)
    {
        _endedSessions = endedSessions;
        _journalScope = journalScope;
        _rules = rules;
        _callIndex = callIndex;
        _lifecycle = lifecycle;
        Receive<ISessionMessage>(Route);
        Receive<Passivate>(Passivate);
        Receive<Terminated>(OnTerminated);
    }

    /// <summary>
    /// Starts Akka's scheduler before the first session. Its clock starts on the thread pool at its first use, and every
    /// caller until then blocks on it (<c>HashedWheelTimerScheduler.Start</c>). In a fresh local system (replay, simulation,
    /// the benchmarks) that first use was a burst of new sessions each starting its idle-check timer: every pool thread
    /// blocked, the clock's own start queued behind further blocked sessions, and 2,000 events for 1,000 new sessions went
    /// undecided for minutes. Once here, on one thread, and never again. (A cluster node's own timers start it earlier.)
    /// </summary>
    protected override void PreStart() => Context.System.Scheduler.Advanced.ScheduleOnce(TimeSpan.Zero, static () => { });

    /// <summary>
    /// Without <paramref name="journalScope"/> the router is private: its sessions get persistence ids no other
    /// router shares, so a replay or a test starts from empty sessions however many ran before it.
    /// </summary>
    public static Props Props(OwnershipRules rules, IActorRef? callIndex = null, SessionLifecycleSettings? lifecycle = null, string? journalScope = null,
        IActorRef? endedSessions = null)
    {
        var scope = journalScope ?? $"private-{Guid.NewGuid():N}/";
        return Akka.Actor.Props.Create(() => new SessionRouterActor(
            rules, callIndex ?? ActorRefs.Nobody, lifecycle ?? SessionLifecycleSettings.Default, scope, endedSessions ?? ActorRefs.Nobody));
    }

    /// <summary>
    /// A fault inside one session concerns that session alone (one-for-one): the session actor resumes with its
    /// subscribers and tabs, its ownership child having recorded everything it answered; one that cannot even start
    /// is stopped, and its next message starts it afresh from the journal. The router and every other session, with
    /// their decision streams, carry on untouched.
    /// </summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(fault => fault switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Resume,
    });

    private void Route(ISessionMessage message)
    {
        var entityId = _extractor.EntityId(message)!;
        if (_passivating.TryHold(entityId, message, Sender, out _))
            return;
        SessionFor(SessionKey.FromEntityId(entityId)).Forward(message);
    }

    private IActorRef SessionFor(SessionKey key)
    {
        var session = Context.Child(key.ActorName);
        if (!session.IsNobody())
            return session;
        session = Context.ActorOf(SessionActor.Props(key.SessionId, key.PersistenceId(_journalScope), _rules, _callIndex, _endedSessions, _lifecycle,
            key.Tenant), key.ActorName);
        Context.Watch(session);
        return session;
    }

    private void Passivate(Passivate passivate)
    {
        var session = Sender;
        if (!session.Path.Parent.Equals(Self.Path))
            return;
        var key = SessionKey.FromActorName(session.Path.Name);
        if (!_passivating.Begin(key.EntityId))
            return;
        session.Tell(passivate.StopMessage);
    }

    private void OnTerminated(Terminated terminated)
    {
        var key = SessionKey.FromActorName(terminated.ActorRef.Path.Name);
        var buffer = _passivating.End(key.EntityId);
        if (buffer.Count == 0)
            return;
        var session = SessionFor(key);
        foreach (var (message, sender) in buffer)
            session.Tell(message, sender);
    }
}
