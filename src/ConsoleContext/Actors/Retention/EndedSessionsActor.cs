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

    private readonly SessionLifecycleSettings _lifecycle;
    private readonly Dictionary<string, DateTimeOffset> _endedAt = new(StringComparer.Ordinal);
    private IActorRef _sessions = ActorRefs.Nobody;
    private long _changesSinceSnapshot;

    public EndedSessionsActor(SessionLifecycleSettings lifecycle)
    {
        _lifecycle = lifecycle;

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
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    public override string PersistenceId => RegistryPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SessionLifecycleSettings lifecycle) => Akka.Actor.Props.Create(() => new EndedSessionsActor(lifecycle));

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
