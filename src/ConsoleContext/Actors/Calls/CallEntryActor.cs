using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// One call's entry in the call directory (an entity of the <c>calls</c> shard region, keyed by the tenant-scoped call
/// key): which session most recently started the call, and, once it has ended, the answers the session gave for it
/// (<see cref="CallEntryMessages.ArchivedCall"/>), so a query for the call needs nothing node-wide and still answers
/// after the session has let go of the call's details. An archive is deleted, with the entry's journal,
/// <c>ended-call-retention</c> after the call's end by the server's clock: by a timer while the entry runs, and on the
/// entry's next start when that time passed while it was passivated, which the ended-sessions registry makes sure of
/// (<see cref="Retention.RetentionMessages.CallArchived"/>: it wakes the entry once that time has passed).
/// </summary>
public sealed class CallEntryActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every entry's persistence id; <c>/</c> keeps them apart from the old <c>call-directory</c> for any callId.</summary>
    public const string PersistenceIdPrefix = "call/";

    private sealed record RetentionExpired;

    private readonly string _callKey;
    private readonly TimeSpan _retention;
    private readonly IActorRef _registry;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Askers of writes in flight, in the order they were made; a refused write fails them all.
    private readonly Queue<IActorRef> _writing = new();
    private string? _sessionId;
    private CallEntryMessages.ArchivedCall? _archived;

    /// <param name="callKey">The tenant-scoped call key (<see cref="Sessions.SessionKey.CallKey"/>).</param>
    /// <param name="retention">How long an archive is kept after the call's end (<c>ended-call-retention</c>).</param>
    /// <param name="registry">The ended-sessions registry, told about each archived life so that it wakes the entry; Nobody when there is none.</param>
    public CallEntryActor(string callKey, TimeSpan retention, IActorRef registry)
    {
        _callKey = callKey;
        _retention = retention;
        _registry = registry;
        PersistenceId = PersistenceIdPrefix + callKey;

        Recover<CallEntryMessages.Started>(Apply);
        Recover<CallEntryMessages.Archived>(Apply);
        Recover<RecoveryCompleted>(_ => ScheduleRetention());

        Command<CallEntryMessages.Start>(m => Write(new CallEntryMessages.Started(m.SessionId)));
        Command<CallEntryMessages.Import>(m =>
        {
            if (_sessionId is null)
                Write(new CallEntryMessages.Started(m.SessionId));
            else
                Sender.Tell(new CallEntryMessages.Recorded(_callKey));
        });
        Command<CallEntryMessages.Archive>(OnArchive);
        Command<CallEntryMessages.Locate>(_ =>
        {
            // Woken after its retention passed while passivated: the answer already is "no such call".
            ExpireIfDue();
            Sender.Tell(new CallEntryMessages.Location(_callKey, _sessionId, _archived));
        });
        Command<RetentionExpired>(_ => ExpireIfDue());
        Command<CallEntryMessages.Stop>(_ => Context.Stop(Self));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Call entry {CallKey}: deleting its expired journal failed; the next start tries again", _callKey));
    }

    public override string PersistenceId { get; }

    /// <summary>An entry never saves snapshots: its recovery skips the snapshot store's query, a third of a new entry's cost on SQLite.</summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="registry">The ended-sessions registry; Nobody (the default) when there is none.</param>
    public static Props Props(string callKey, TimeSpan retention, IActorRef? registry = null) =>
        Akka.Actor.Props.Create(() => new CallEntryActor(callKey, retention, registry ?? ActorRefs.Nobody));

    /// <summary>The retention deadline of an archive ended at <paramref name="endedAt"/>.</summary>
    private DateTimeOffset DeadlineOf(DateTimeOffset endedAt) => Retention.RetentionDeadline.Of(endedAt, _retention);

    private void OnArchive(CallEntryMessages.Archive m)
    {
        // A session that no longer owns the call id (another started it since) has nothing to say about it.
        if (_sessionId is not null && _sessionId != m.SessionId)
        {
            Sender.Tell(new CallEntryMessages.Recorded(_callKey));
            return;
        }
        // Latest view wins; the retention clock keeps counting from the end of this life.
        var endedAt = _archived?.EndedAt ?? m.AcceptedAt;
        Write(new CallEntryMessages.Archived(m.SessionId, new CallEntryMessages.ArchivedCall(m.View, m.Timeline, endedAt)));
    }

    private void Write(object row)
    {
        _writing.Enqueue(Sender);
        Persist(row, written =>
        {
            // The first archive of a life: the registry wakes the entry when its retention has passed.
            if (written is CallEntryMessages.Archived { Call: var call } && _archived is null)
                _registry.Tell(new Retention.RetentionMessages.CallArchived(_callKey, call.EndedAt));
            Apply(written);
            ScheduleRetention();
            _writing.Dequeue().Tell(new CallEntryMessages.Recorded(_callKey));
            // An ended call's entry has nothing left to do but answer the odd query, which recovers it from its row:
            // it leaves memory at once instead of after the shard's idle time, so a busy agent's ended calls cost no memory.
            if (_archived is not null && _writing.Count == 0)
                Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(CallEntryMessages.Stop.Instance));
        });
    }

    private void Apply(object row)
    {
        switch (row)
        {
            case CallEntryMessages.Started started:
                _sessionId = started.SessionId;
                _archived = null;
                break;
            case CallEntryMessages.Archived archived:
                _sessionId = archived.SessionId;
                _archived = archived.Call;
                break;
        }
    }

    private void ScheduleRetention()
    {
        if (_archived is null)
        {
            Timers.Cancel(nameof(RetentionExpired));
            return;
        }
        var remaining = DeadlineOf(_archived.EndedAt) - Context.System.Scheduler.Now;
        Timers.StartSingleTimer(nameof(RetentionExpired), new RetentionExpired(), remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private void ExpireIfDue()
    {
        if (_archived is null || DeadlineOf(_archived.EndedAt) > Context.System.Scheduler.Now)
            return;
        _log.Info("Call entry {CallKey}: ended-call-retention after the call's end has passed; deleting its journal", _callKey);
        _sessionId = null;
        _archived = null;
        DeleteMessages(LastSequenceNr);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailWriting(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        FailWriting(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
        // The state is only set once a write succeeds, but a fresh start keeps the failure handling the same as a refused write.
        Context.Stop(Self);
    }

    private void FailWriting(Exception cause)
    {
        _log.Error(cause, "Call entry {CallKey}: the journal refused a write; {Count} askers fail and the entry starts again after a backoff", _callKey, _writing.Count);
        // The same answer its backoff supervisor gives until it runs again: a message type every node can read.
        while (_writing.Count > 0)
            _writing.Dequeue().Tell(new CallIndexMessages.Restarting());
    }
}
