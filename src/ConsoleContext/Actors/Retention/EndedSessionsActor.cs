using Akka.Actor;
using Akka.Persistence;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Retention;

/// <summary>
/// Remembers which sessions have ended and when, so that a session passivated after its sessionEnded is
/// still deleted once its retention has passed: every sweep wakes the expired ones, and a woken session
/// deletes its own journal (only a persistent actor can delete its events). It holds nothing per call: the session that owns
/// a call forgets its entry (<see cref="Calls.CallEntryMessages.Forget"/>). Only the calls its journal and snapshots recorded
/// before that (<see cref="RetentionMessages.CallArchived"/>) are still woken <c>ended-call-retention</c> after their end, once.
/// </summary>
public sealed class EndedSessionsActor : ReceivePersistentActor, IWithTimers
{
    public const string RegistryPersistenceId = "ended-sessions";
    public const int SnapshotEvery = 1000;

    private sealed record Sweep;
    private sealed record FindSessionsRegion;

    private readonly SessionLifecycleSettings _lifecycle;
    private readonly string? _sessionsRegion;
    private readonly string? _callsRegion;
    private readonly TimeSpan _callRetention;
    private readonly Dictionary<string, DateTimeOffset> _endedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _callsEndedAt = new(StringComparer.Ordinal);
    private IActorRef _sessions = ActorRefs.Nobody;
    private IActorRef _calls = ActorRefs.Nobody;
    private long _changesSinceSnapshot;

    /// <param name="sessionsRegion">As a cluster singleton: the sessions' shard region to sweep through, found on the node
    /// the singleton runs on (it moves when that node dies); null when a <see cref="RetentionMessages.SweepThrough"/> names them.</param>
    /// <param name="callsRegion">As a cluster singleton: the call entries' shard region, found like <paramref name="sessionsRegion"/>.</param>
    /// <param name="callRetention"><c>ended-call-retention</c>: how long after its end a recovered archived call's entry is woken.</param>
    public EndedSessionsActor(SessionLifecycleSettings lifecycle, string? sessionsRegion = null, string? callsRegion = null, TimeSpan? callRetention = null)
    {
        _lifecycle = lifecycle;
        _sessionsRegion = sessionsRegion;
        _callsRegion = callsRegion;
        _callRetention = callRetention ?? OwnershipSettings.Default.EndedCallRetentionOrDefault;

        Recover<SnapshotOffer>(offer =>
        {
            var (sessions, calls) = offer.Snapshot switch
            {
                RetentionMessages.RegistrySnapshotV2 v2 => (v2.EndedAt, v2.CallsEndedAt),
                var v1 => (((RetentionMessages.RegistrySnapshot)v1).EndedAt, (IReadOnlyDictionary<string, DateTimeOffset>)new Dictionary<string, DateTimeOffset>()),
            };
            foreach (var (sessionId, endedAt) in sessions)
                _endedAt[sessionId] = endedAt;
            foreach (var (callKey, endedAt) in calls)
                _callsEndedAt[callKey] = endedAt;
        });
        Recover<RetentionMessages.SessionEnded>(m => _endedAt[m.SessionId] = m.EndedAt);
        Recover<RetentionMessages.SessionForgotten>(m => _endedAt.Remove(m.SessionId));
        Recover<RetentionMessages.CallArchived>(m => _callsEndedAt[m.CallKey] = m.EndedAt);

        Command<RetentionMessages.SweepThrough>(m =>
        {
            _sessions = m.Sessions;
            _calls = m.Calls ?? ActorRefs.Nobody;
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

    public static Props Props(SessionLifecycleSettings lifecycle, string? sessionsRegion = null, string? callsRegion = null, TimeSpan? callRetention = null) =>
        Akka.Actor.Props.Create(() => new EndedSessionsActor(lifecycle, sessionsRegion, callsRegion, callRetention));

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
            var sharding = Akka.Cluster.Sharding.ClusterSharding.Get(Context.System);
            Self.Tell(new RetentionMessages.SweepThrough(sharding.ShardRegion(_sessionsRegion!), _callsRegion is null ? null : sharding.ShardRegion(_callsRegion)));
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
        if (_calls.IsNobody())
            return;
        foreach (var (callKey, _) in _callsEndedAt.Where(p => RetentionDeadline.Of(p.Value, _callRetention) <= now).ToList())
        {
            // A woken entry whose retention has passed deletes its journal. Not journaled: after a restart of the registry an
            // entry may be woken once more, which costs a recovery of nothing.
            _calls.Tell(new Calls.CallEntryMessages.Locate(callKey), ActorRefs.NoSender);
            _callsEndedAt.Remove(callKey);
        }
    }

    private void Record(Action change)
    {
        change();
        if (++_changesSinceSnapshot < SnapshotEvery)
            return;
        _changesSinceSnapshot = 0;
        SaveSnapshot(new RetentionMessages.RegistrySnapshotV2(new Dictionary<string, DateTimeOffset>(_endedAt), new Dictionary<string, DateTimeOffset>(_callsEndedAt)));
    }
}
