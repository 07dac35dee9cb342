using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// One call's entry in the call directory (an entity of the <c>calls</c> shard region, keyed by
/// <see cref="Sessions.SessionKey.CallEntryId(string)"/>: the tenant and the callId's digest): which session most recently started
/// the call, and, once it has ended, the answers the session gave for it (<see cref="CallEntryMessages.ArchivedCall"/>), so a query
/// for the call needs nothing node-wide and still answers after the session has let go of the call's details. The journal goes
/// when the owning session forgets the call (<see cref="CallEntryMessages.Forget"/>: R11, or the session's own deletion), by a
/// timer <c>ended-call-retention</c> after the end while the entry runs, and on the entry's next start after that time.
/// Two callIds of a tenant with the same 64-bit digest (about 10^-16 per pair) share an entry: the later call's start replaces
/// the earlier's archive, as R6 would for one call.
/// </summary>
public sealed class CallEntryActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every entry's persistence id; <c>/</c> keeps them apart from the old <c>call-directory</c> for any callId.</summary>
    public const string PersistenceIdPrefix = "call/";

    private sealed record RetentionExpired;

    /// <summary>
    /// The stop message of the entry's own passivation: the shard (locally <see cref="CallRouterActor"/>) sends it after every
    /// message it routed before the passivation, and the supervisor forwards it (its final stop message), so the entry answers those first, after any
    /// write in flight, instead of being stopped under them. Local only (entry, supervisor and shard share a node).
    /// </summary>
    public sealed class Stop
    {
        public static readonly Stop Instance = new();
        private Stop() { }
    }

    private readonly string _entryId;
    private readonly TimeSpan _retention;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Askers of writes in flight, in the order they were made; a refused write fails them all.
    private readonly Queue<IActorRef> _writing = new();
    private string? _sessionId;
    private CallEntryMessages.ArchivedCall? _archived;
    // Forgotten: passivates once the journal's deletion is answered.
    private bool _forgotten;

    /// <param name="entryId">The entry's id (<see cref="Sessions.SessionKey.CallEntryId(string)"/>).</param>
    /// <param name="retention">How long an archive is kept after the call's end (<c>ended-call-retention</c>).</param>
    public CallEntryActor(string entryId, TimeSpan retention)
    {
        _entryId = entryId;
        _retention = retention;
        PersistenceId = PersistenceIdPrefix + entryId;

        Recover<CallEntryMessages.Started>(Apply);
        Recover<CallEntryMessages.Archived>(Apply);
        Recover<RecoveryCompleted>(_ => ScheduleRetention());

        Command<CallEntryMessages.Start>(m => Write(new CallEntryMessages.Started(m.SessionId), m.CallKey));
        Command<CallEntryMessages.Import>(m =>
        {
            if (_sessionId is null)
                Write(new CallEntryMessages.Started(m.SessionId), m.CallKey);
            else
                Sender.Tell(new CallEntryMessages.Recorded(m.CallKey));
        });
        Command<CallEntryMessages.Archive>(OnArchive);
        Command<CallEntryMessages.Locate>(m =>
        {
            // Woken after its retention passed while passivated: the answer already is "no such call".
            ExpireIfDue();
            Sender.Tell(new CallEntryMessages.Location(m.CallKey, _sessionId, _archived));
        });
        Command<CallEntryMessages.Forget>(OnForget);
        Command<Stop>(_ => Context.Stop(Self));
        Command<RetentionExpired>(_ => ExpireIfDue());
        Command<DeleteMessagesSuccess>(_ => PassivateIfForgotten());
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning(f.Cause, "Call entry {EntryId}: deleting its journal failed; the next start tries again when its retention has passed", _entryId);
            PassivateIfForgotten();
        });
    }

    public override string PersistenceId { get; }

    /// <summary>An entry never saves snapshots: its recovery skips the snapshot store's query, a third of a new entry's cost on SQLite.</summary>
    public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string entryId, TimeSpan retention) =>
        Akka.Actor.Props.Create(() => new CallEntryActor(entryId, retention));

    /// <summary>The retention deadline of an archive ended at <paramref name="endedAt"/>.</summary>
    private DateTimeOffset DeadlineOf(DateTimeOffset endedAt) => Retention.RetentionDeadline.Of(endedAt, _retention);

    private void OnArchive(CallEntryMessages.Archive m)
    {
        // A session that no longer owns the call id (another started it since) has nothing to say about it.
        if (_sessionId is not null && _sessionId != m.SessionId)
        {
            Sender.Tell(new CallEntryMessages.Recorded(m.CallKey));
            return;
        }
        // Latest view wins; the retention clock keeps counting from the end of this life.
        var endedAt = _archived?.EndedAt ?? m.AcceptedAt;
        Write(new CallEntryMessages.Archived(m.SessionId, new CallEntryMessages.ArchivedCall(m.View, m.Timeline, endedAt)), m.CallKey);
    }

    private void OnForget(CallEntryMessages.Forget m)
    {
        // Another session started the call since: the entry is that session's now, and only it may forget it.
        if (_sessionId is not null && _sessionId != m.SessionId)
            return;
        _forgotten = true;
        if (_sessionId is null)
        {
            PassivateIfForgotten();
            return;
        }
        _log.Debug("Call entry {EntryId}: forgotten by its session; deleting its journal", _entryId);
        _sessionId = null;
        _archived = null;
        Timers.Cancel(nameof(RetentionExpired));
        DeleteMessages(LastSequenceNr);
    }

    // An entry whose session forgot its call has nothing left: it leaves memory once its journal's deletion is answered.
    private void PassivateIfForgotten()
    {
        if (_forgotten)
            Passivate();
    }

    private void Passivate() => Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(Stop.Instance));

    /// <param name="callKey">The call key of the message written for, which the answer carries back.</param>
    private void Write(object row, string callKey)
    {
        _writing.Enqueue(Sender);
        Persist(row, written =>
        {
            Apply(written);
            ScheduleRetention();
            _writing.Dequeue().Tell(new CallEntryMessages.Recorded(callKey));
            // An ended call's entry has nothing left to do but answer the odd query, which recovers it from its row:
            // it leaves memory at once instead of after the shard's idle time, so a busy agent's ended calls cost no memory.
            if (_archived is not null && _writing.Count == 0)
                Passivate();
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
        _log.Info("Call entry {EntryId}: ended-call-retention after the call's end has passed; deleting its journal", _entryId);
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
        _log.Error(cause, "Call entry {EntryId}: the journal refused a write; {Count} askers fail and the entry starts again after a backoff", _entryId, _writing.Count);
        // The same answer its backoff supervisor gives until it runs again: a message type every node can read.
        while (_writing.Count > 0)
            _writing.Dequeue().Tell(new CallIndexMessages.Restarting());
    }
}
