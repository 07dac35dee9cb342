using Akka.Actor;
using Akka.Persistence;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;

namespace ConsoleContext.Actors.Retention;

/// <summary>
/// Remembers which sessions have ended and when, so that a session passivated after its sessionEnded is
/// still deleted once its retention has passed: every sweep wakes the expired ones, and a woken session
/// deletes its own journal (only a persistent actor can delete its events).
/// </summary>
public sealed class EndedSessionsActor : ReceivePersistentActor, IWithTimers
{
    public const string RegistryPersistenceId = "ended-sessions";
    public const int SnapshotEvery = 1000;

    private sealed record Sweep;
    private sealed record FindSessionsRegion;

    private readonly SessionLifecycleSettings _lifecycle;
    private readonly string? _sessionsRegion;
    private readonly Dictionary<string, DateTimeOffset> _endedAt = new(StringComparer.Ordinal);
    private IActorRef _sessions = ActorRefs.Nobody;
    private long _changesSinceSnapshot;

    /// <param name="sessionsRegion">As a cluster singleton: the sessions' shard region to sweep through, found on the node
    /// the singleton runs on (it moves when that node dies); null when a <see cref="RetentionMessages.SweepThrough"/> names them.</param>
    public EndedSessionsActor(SessionLifecycleSettings lifecycle, string? sessionsRegion = null)
    {
        _lifecycle = lifecycle;
        _sessionsRegion = sessionsRegion;

        Recover<SnapshotOffer>(offer =>
        {
            foreach (var (sessionId, endedAt) in ((RetentionMessages.RegistrySnapshot)offer.Snapshot).EndedAt)
                _endedAt[sessionId] = endedAt;
        });
        Recover<RetentionMessages.SessionEnded>(m => _endedAt[m.SessionId] = m.EndedAt);
        Recover<RetentionMessages.SessionForgotten>(m => _endedAt.Remove(m.SessionId));

        Command<RetentionMessages.SweepThrough>(m =>
        {
            _sessions = m.Sessions;
            Timers.StartPeriodicTimer(nameof(Sweep), new Sweep(), TimeSpan.Zero, _lifecycle.SweepEvery);
        });
        Command<RetentionMessages.SessionEnded>(m => PersistAsync(m, ended => Record(() => _endedAt[ended.SessionId] = ended.EndedAt)));
        Command<RetentionMessages.SessionForgotten>(m =>
        {
            if (_endedAt.ContainsKey(m.SessionId))
                PersistAsync(m, forgotten => Record(() => _endedAt.Remove(forgotten.SessionId)));
        });
        Command<Sweep>(_ => WakeExpired());
        Command<FindSessionsRegion>(_ => FindRegion());
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    public override string PersistenceId => RegistryPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SessionLifecycleSettings lifecycle, string? sessionsRegion = null) =>
        Akka.Actor.Props.Create(() => new EndedSessionsActor(lifecycle, sessionsRegion));

    protected override void PreStart()
    {
        if (_sessionsRegion is not null)
            Self.Tell(new FindSessionsRegion());
        base.PreStart();
    }

    // The singleton starts once its node is Up, normally after the node's shard region; until that region exists, look again each second.
    private void FindRegion()
    {
        try
        {
            Self.Tell(new RetentionMessages.SweepThrough(Akka.Cluster.Sharding.ClusterSharding.Get(Context.System).ShardRegion(_sessionsRegion!)));
        }
        catch (ArgumentException)
        {
            Timers.StartSingleTimer(nameof(FindSessionsRegion), new FindSessionsRegion(), TimeSpan.FromSeconds(1));
        }
    }

    private void WakeExpired()
    {
        var now = Context.System.Scheduler.Now;
        foreach (var (entityId, endedAt) in _endedAt.Where(p => RetentionDeadline.Of(p.Value, _lifecycle.EndedRetention) <= now).ToList())
        {
            // Any message recovers the session, and a recovered session whose retention has passed deletes itself.
            var key = SessionKey.FromEntityId(entityId);
            _sessions.Tell(new SessionQueries.GetSnapshot(key.SessionId) { Tenant = key.Tenant }, ActorRefs.NoSender);
            Self.Tell(new RetentionMessages.SessionForgotten(entityId));
        }
    }

    private void Record(Action change)
    {
        change();
        if (++_changesSinceSnapshot < SnapshotEvery)
            return;
        _changesSinceSnapshot = 0;
        SaveSnapshot(new RetentionMessages.RegistrySnapshot(new Dictionary<string, DateTimeOffset>(_endedAt)));
    }
}
