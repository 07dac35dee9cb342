using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Persistence;
using ConsoleContext.Telemetry;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// Decides, for each event of one session, whether it applies to the call-active tab, and answers the
/// asker once the accepted events are journaled. It owns the session's <see cref="SessionState"/>; the
/// rules themselves are pure (<see cref="OwnershipRules"/>), this actor feeds them in mailbox order,
/// journals what they decided (the accepted events with their decisions and state changes, <see cref="EventsDecided"/>)
/// and recovers by applying those changes, without deciding again; rows written before facts were journaled are decided
/// again once. It also keeps the calls' ownership timelines (<see cref="CallTimelines"/>), built from the same facts.
/// </summary>
public sealed class CallOwnershipActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>An answer waiting for its journal write and for the calls' entries to record the calls it started or ended.</summary>
    private sealed class PendingReply(IActorRef replyTo, object reply, IReadOnlyList<SessionEvents.Decided> decided,
        IReadOnlyList<CallEntryMessages.ICallEntryMessage> callEntries)
    {
        public IActorRef ReplyTo { get; } = replyTo;
        /// <summary>The answer; a failure once a call's entry could not record what this answer waits for.</summary>
        public object Reply { get; set; } = reply;
        public IReadOnlyList<SessionEvents.Decided> Decided { get; } = decided;
        public bool Written { get; set; }
        /// <summary>The journal row holding this answer's accepted events (or the latest row before it, when it has none).</summary>
        public long SequenceNr { get; set; }
        /// <summary>What the calls' entries are told once this answer's events are journaled.</summary>
        public IReadOnlyList<CallEntryMessages.ICallEntryMessage> CallEntries { get; } = callEntries;
        /// <summary>The entries of the calls these events forgot (R11), told before <see cref="CallEntries"/> once journaled; null when none.</summary>
        public List<CallEntryMessages.Forget>? Forgets { get; init; }
        /// <summary>How many facts of the same row come before this answer's (group commit puts several answers in one row).</summary>
        public int RowOffset { get; init; }
        public int DirectoryOutstanding { get; set; } = callEntries.Count;
        public bool Ready => Written && DirectoryOutstanding == 0;
        /// <summary><see cref="System.Diagnostics.Stopwatch"/> timestamp of the journal write; 0 when nothing is written.</summary>
        public long WriteStarted { get; init; }
        /// <summary>The traced journal write, when the request that caused it carried a trace.</summary>
        public System.Diagnostics.Activity? WriteSpan { get; init; }
    }
    private sealed record RetentionExpired;
    /// <summary>A call entry's answer to one of the messages <paramref name="Pending"/> waits for (or the ask's failure).</summary>
    private sealed record CallEntryAnswer(PendingReply Pending, object Answer);

    /// <summary>How long an answer waits for a call's entry at most (an entry on a node that died and has not been moved yet).</summary>
    public static readonly TimeSpan CallEntryTimeout = TimeSpan.FromSeconds(10);
    private sealed record ReorderWindowElapsed;

    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly IActorRef _endedSessions;
    private readonly SessionLifecycleSettings _lifecycle;
    private readonly string _tenant;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Answers wait here, in order, until the journal has every event they depend on.
    private readonly Queue<PendingReply> _awaiting = new();
    // Group commit: while one row is being written, the facts decided meanwhile gather here and become the next row.
    private List<DecidedFact> _nextRow = [];
    private List<PendingReply> _nextRowReplies = [];
    private List<PendingReply> _writingReplies = [];
    private bool _writing;
    // The digests of the ended calls the 1,000 bound drops while an event's changes are applied (R11), to forget their entries.
    private readonly List<ulong> _droppedEndedCalls = [];
    // Events held by the reorder window, by stream and seq.
    private readonly SortedDictionary<(string Stream, long Seq), (ConsoleEvent Event, IActorRef ReplyTo)> _held =
        new(Comparer<(string Stream, long Seq)>.Create((a, b) => a.Stream != b.Stream ? string.CompareOrdinal(a.Stream, b.Stream) : a.Seq.CompareTo(b.Seq)));
    private SessionState _state;
    private CallTimelines _timelines = new();
    private long _eventsSinceSnapshot;
    private DateTimeOffset? _endedAt;
    private bool _hasSubscribers;
    // Asked to stop (SessionCommands.StopWhenSettled): stops once every answer it owes is sent.
    private bool _stopping;
    // The trace of the command being handled (see Traced); default when it carries none.
    private System.Diagnostics.ActivityContext _trace;
    private readonly TenantFollowers _tenantFollowers = TenantFollowers.Get(Context.System);
    // Where the latest accepted event stands in the journal: the position of decisions the journal does not hold.
    private JournalPosition _lastPosition = JournalPosition.Start;

    public CallOwnershipActor(string sessionId, string persistenceId, OwnershipRules rules, IActorRef callIndex, IActorRef endedSessions, SessionLifecycleSettings lifecycle,
        string tenant)
    {
        _tenant = tenant;
        _rules = rules;
        _callIndex = callIndex;
        _endedSessions = endedSessions;
        _lifecycle = lifecycle;
        _state = rules.NewState(sessionId);
        PersistenceId = persistenceId;

        Recover<SnapshotOffer>(offer =>
        {
            _state = SessionState.FromData(JournalRows.StateOf(offer.Snapshot), _rules.Settings);
            var full = offer.Snapshot as SessionSnapshotData;
            // A snapshot written before session-snapshot.v1 holds neither; the ended-sessions registry still knows the end.
            _endedAt = full?.EndedAt;
            _timelines = CallTimelines.FromData(full?.Timelines);
            _eventsSinceSnapshot = 0;
        });
        Recover<IPersistedMessage>(row =>
        {
            foreach (var fact in JournalRows.Apply(row, _state, _rules, _timelines.Record))
            {
                TrackEnd(fact);
                _eventsSinceSnapshot++;
            }
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _lastPosition = JournalPosition.AfterRow(LastSequenceNr);
            ScheduleRetention();
            Context.Parent.Tell(new SessionEvents.Recovered([.. _state.Tabs.Keys]));
        });

        Command<SessionCommands.Submit>(submit => Traced(submit.Trace, () => OnSubmit(submit)));
        Command<SessionCommands.SubmitBatch>(batch => Traced(batch.Trace,
            () => Decide(batch.Events, Sender, decisions => new SessionCommands.BatchDecided(decisions))));
        Command<ReorderWindowElapsed>(_ => ReleaseHeld(all: true));
        Command<SessionQueries.GetSnapshot>(_ => Sender.Tell(SessionViews.Snapshot(_state)));
        Command<SessionQueries.GetCall>(q => Sender.Tell(_state.Calls.TryGetValue(q.CallId, out var call)
            ? SessionViews.Call(_state, call)
            : new SessionQueries.CallNotFound(q.SessionId, q.CallId)));
        Command<SessionQueries.GetTimeline>(q => Sender.Tell(_timelines.Of(q.CallId, _state) is { } timeline
            ? new SessionQueries.Timeline(q.CallId, timeline)
            : new SessionQueries.CallNotFound(q.SessionId, q.CallId)));
        Command<CallEntryAnswer>(OnCallEntryAnswer);
        Command<SessionEvents.SubscribersChanged>(changed => _hasSubscribers = changed.Any);
        Command<SaveSnapshotSuccess>(OnSnapshotSaved);
        Command<SaveSnapshotFailure>(f => _log.Warning(f.Cause, "Session {SessionId}: snapshot failed; the journal still holds everything", _state.SessionId));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "Session {SessionId}: pruning the journal failed", _state.SessionId));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "Session {SessionId}: deleting old snapshots failed", _state.SessionId));
        Command<RetentionExpired>(_ => DeleteSession());
        Command<SessionCommands.StopWhenSettled>(_ =>
        {
            _stopping = true;
            ReleaseHeld(all: true);
            StopIfSettled();
        });
    }

    public override string PersistenceId { get; }

    private KeyValuePair<string, object?> Tenant => TrackerTelemetry.Tenant(_tenant);

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="journalScope">Empty for the service's durable sessions; a private prefix keeps a replay's sessions apart from everyone else's.</param>
    public static string PersistenceIdOf(string sessionId, string journalScope = "") =>
        new SessionKey(SessionKey.DefaultTenant, sessionId).PersistenceId(journalScope);

    /// <param name="endedSessions">The ended-sessions registry (<see cref="Retention.EndedSessionsActor"/>); Nobody when there is none.</param>
    /// <param name="tenant">The session's tenant: it scopes the call-directory entries and the ended-sessions registry (<see cref="SessionKey"/>).</param>
    public static Props Props(string sessionId, string persistenceId, OwnershipRules rules, IActorRef callIndex, IActorRef endedSessions,
        SessionLifecycleSettings lifecycle, string tenant = SessionKey.DefaultTenant) =>
        Akka.Actor.Props.Create(() => new CallOwnershipActor(sessionId, persistenceId, rules, callIndex, endedSessions, lifecycle, tenant));

    private void Traced(System.Diagnostics.ActivityContext trace, Action handle)
    {
        _trace = trace;
        try
        {
            handle();
        }
        finally
        {
            _trace = default;
        }
    }

    /// <summary>The journal write of this request, under the caller's trace; null when the caller is not traced.</summary>
    private System.Diagnostics.Activity? StartWriteSpan(int events)
    {
        if (_trace == default)
            return null;
        var previous = System.Diagnostics.Activity.Current;
        var span = TrackerTelemetry.Source.StartActivity("journal.write", System.Diagnostics.ActivityKind.Internal, _trace);
        span?.SetTag("consolecontext.events", events);
        // The actor's thread serves other sessions next: leave no ambient span behind.
        System.Diagnostics.Activity.Current = previous;
        return span;
    }

    private void OnSubmit(SessionCommands.Submit submit)
    {
        if (ShouldHold(submit.Event))
        {
            _held[HeldKey(submit.Event)] = (submit.Event, Sender);
            if (!Timers.IsTimerActive(nameof(ReorderWindowElapsed)))
                Timers.StartSingleTimer(nameof(ReorderWindowElapsed), new ReorderWindowElapsed(), _lifecycle.ReorderWindow);
            return;
        }
        DecideOne(submit.Event, Sender);
        ReleaseHeld(all: false);
    }

    /// <summary>Reorder window (off by default): an event that skips ahead of the seq mark waits for the ones it skipped.</summary>
    private bool ShouldHold(ConsoleEvent e) =>
        _lifecycle.ReorderWindow > TimeSpan.Zero
        && e.Header.Seq is { } seq
        && seq > SeqMarkOf(e) + 1
        && !_state.HasSeen(e.EventId)
        && !_held.ContainsKey(HeldKey(e));

    private static (string, long) HeldKey(ConsoleEvent e) => (e.Header.StreamId ?? string.Empty, e.Header.Seq!.Value);

    private long SeqMarkOf(ConsoleEvent e) => _state.SeqMarkOf(e.Header.StreamId ?? string.Empty) ?? 0;

    /// <summary>Decides held events whose turn has come (or, when the window has elapsed, all of them), each stream in seq order.</summary>
    private void ReleaseHeld(bool all)
    {
        var released = true;
        while (released && _held.Count > 0)
        {
            released = false;
            foreach (var (key, (e, replyTo)) in _held)
            {
                if (!all && key.Seq > SeqMarkOf(e) + 1)
                    continue;
                _held.Remove(key);
                DecideOne(e, replyTo);
                released = true;
                break;
            }
        }
        if (_held.Count == 0)
            Timers.Cancel(nameof(ReorderWindowElapsed));
    }

    private void DecideOne(ConsoleEvent e, IActorRef replyTo) => Decide([e], replyTo, decisions => decisions[0]);

    private void Decide(IReadOnlyList<ConsoleEvent> events, IActorRef replyTo, Func<IReadOnlyList<Decision>, object> reply)
    {
        var now = Context.System.Scheduler.Now;
        var decisions = new List<Decision>(events.Count);
        var decided = new List<SessionEvents.Decided>(events.Count);
        var entries = new List<DecidedFact>();
        List<CallEntryMessages.Forget>? forgets = null;
        Exception? fault = null;
        foreach (var e in events)
        {
            Ruling ruling;
            try
            {
                ruling = _rules.Decide(_state, e, now);
            }
            catch (Exception ex)
            {
                // Decide never changes the state, so the session carries on exactly as before this event.
                _log.Error(ex, "Session {SessionId} could not decide {EventType} {EventId}; state unchanged", _state.SessionId, e.Type, e.EventId);
                fault = ex;
                break;
            }
            if (ruling.Accepted)
            {
                var fact = new DecidedFact(EventsAccepted.Stamped(e, now), ruling.Decision, ruling.Changes) { AcceptedAt = DecidedFact.StampOf(e, now) };
                _timelines.Record(_state, fact);
                ForgetsOf(ruling.Changes, ref forgets);
                _state.DroppedEndedCalls = _callIndex.IsNobody() ? null : _droppedEndedCalls;
                OwnershipRules.Apply(_state, ruling.Changes);
                _state.DroppedEndedCalls = null;
                foreach (var digest in _droppedEndedCalls)
                    (forgets ??= []).Add(ForgetOf(digest));
                _droppedEndedCalls.Clear();
                entries.Add(fact);
            }
            decisions.Add(ruling.Decision);
            decided.Add(new SessionEvents.Decided(e, ruling.Decision, ruling.Changes));
        }

        // Calls this answer starts or saves ended go to their entries once the events are journaled; the answer waits for their confirmations.
        var callEntries = CallEntryMessagesOf(decided, now);

        var answer = fault is null ? reply(decisions) : new Status.Failure(fault);
        var pending = new PendingReply(replyTo, answer, decided, callEntries)
        {
            RowOffset = _nextRow.Count,
            Forgets = forgets,
            WriteStarted = entries.Count == 0 ? 0 : System.Diagnostics.Stopwatch.GetTimestamp(),
            WriteSpan = entries.Count == 0 ? null : StartWriteSpan(entries.Count),
        };
        _awaiting.Enqueue(pending);
        if (entries.Count == 0)
        {
            if (_writing && pending.CallEntries.Count > 0)
            {
                // A duplicate's call entries are told after the row in flight, which may hold the original event.
                (_nextRow.Count > 0 ? _nextRowReplies : _writingReplies).Add(pending);
                return;
            }
            // Nothing to write: the answer only waits for the answers before it (released in order).
            pending.Written = true;
            AskCallEntries(pending);
            ReleaseReady();
            return;
        }
        _nextRow.AddRange(entries);
        _nextRowReplies.Add(pending);
        if (!_writing)
            WriteNextRow();
    }

    /// <summary>
    /// Group commit: one journal row (<see cref="EventsDecided"/>) holds the facts of every request decided since the
    /// previous row's write started, in order; at most one row of a session is in flight at a time.
    /// </summary>
    private void WriteNextRow()
    {
        var row = new EventsDecided(_nextRow);
        (_writingReplies, _nextRowReplies) = (_nextRowReplies, _writingReplies);
        _nextRow = [];
        _writing = true;
        PersistAsync(row, OnWritten);
    }

    private void OnWritten(EventsDecided entry)
    {
        _writing = false;
        var endedBefore = _endedAt;
        foreach (var fact in entry.Facts)
            TrackEnd(fact);
        if (_endedAt != endedBefore)
            TellEndedSessions();
        _eventsSinceSnapshot += entry.Facts.Count;
        foreach (var written in _writingReplies)
        {
            written.Written = true;
            if (written.WriteStarted != 0)
                TrackerTelemetry.JournalWriteDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(written.WriteStarted).TotalSeconds, Tenant);
            written.WriteSpan?.Dispose();
            written.SequenceNr = LastSequenceNr;
            // Before the entries are asked: an event may forget a call and start a new life of the same call id.
            if (written.Forgets is { } forgets)
                foreach (var forget in forgets)
                    _callIndex.Tell(forget, ActorRefs.NoSender);
            // Only now: an entry never names a session for a call the session has not journaled (and on SQLite the
            // entry's recovery does not contend with this write).
            AskCallEntries(written);
        }
        _writingReplies.Clear();
        if (_nextRow.Count > 0)
            WriteNextRow();
        ReleaseReady();
    }

    /// <summary>
    /// A Start for every applied callStarted (a new life: the entry drops any archive), then an Archive for every call these
    /// events saved ended and that is still ended after them: the query answers the session gives now, so the call's entry
    /// can give them after the session has let go of the call's details. A duplicate of a call's event (the retry of an
    /// answer that failed on the call's entry) tells the entry again what the session holds now: a Start for an active call,
    /// an Archive for an ended one; both are idempotent. None without a call directory (Nobody).
    /// </summary>
    private IReadOnlyList<CallEntryMessages.ICallEntryMessage> CallEntryMessagesOf(IReadOnlyList<SessionEvents.Decided> decided, DateTimeOffset now)
    {
        if (_callIndex.IsNobody())
            return [];
        List<CallEntryMessages.ICallEntryMessage>? messages = null;
        List<string>? ended = null;
        foreach (var d in decided)
        {
            if (d.Event is ConsoleEvents.CallStarted started && d.Decision.Outcome == Outcomes.Applied)
                (messages ??= []).Add(new CallEntryMessages.Start(SessionKey.CallKey(_tenant, started.CallId), _state.SessionId));
            else if (d.Decision.Outcome == Outcomes.Duplicate && CallIdOf(d.Event) is { } callId && _state.Calls.TryGetValue(callId, out var known))
            {
                if (known.IsActive && d.Event is ConsoleEvents.CallStarted)
                    (messages ??= []).Add(new CallEntryMessages.Start(SessionKey.CallKey(_tenant, callId), _state.SessionId));
                else if (!known.IsActive && !(ended ??= []).Contains(callId))
                    ended.Add(callId);
            }
            foreach (var change in d.Changes)
            {
                if (change is SessionChanges.CallSaved { Call: { IsActive: false } saved } && !(ended ??= []).Contains(saved.CallId))
                    ended.Add(saved.CallId);
            }
        }
        foreach (var callId in ended ?? [])
        {
            if (_state.Calls.TryGetValue(callId, out var call) && !call.IsActive)
                (messages ??= []).Add(new CallEntryMessages.Archive(SessionKey.CallKey(_tenant, callId), _state.SessionId, SessionViews.Call(_state, call),
                    _timelines.Of(callId, _state) ?? [], now));
        }
        return messages ?? (IReadOnlyList<CallEntryMessages.ICallEntryMessage>)[];
    }

    /// <summary>
    /// A <see cref="CallEntryMessages.Forget"/> for every call an accepted event's <see cref="SessionChanges.CallsForgotten"/> forgets
    /// (R11): read before the changes are applied, while the state still holds the forgotten tombstones' digests. Live decisions
    /// only: a recovery replays what was forgotten long ago. None without a call directory (Nobody). The calls the ended-calls
    /// bound drops while a call's end is applied come from <see cref="SessionState.DroppedEndedCalls"/>.
    /// </summary>
    private void ForgetsOf(IReadOnlyList<SessionChange> changes, ref List<CallEntryMessages.Forget>? forgets)
    {
        if (_callIndex.IsNobody())
            return;
        for (var c = 0; c < changes.Count; c++)
        {
            if (changes[c] is not SessionChanges.CallsForgotten forgotten)
                continue;
            var tombstones = _state.EndedTombstones;
            for (var i = 0; i < forgotten.EarliestTombstones && i < tombstones.Count; i++)
                (forgets ??= []).Add(ForgetOf(tombstones.DigestAt(i)));
            foreach (var callId in forgotten.CallIds)
                (forgets ??= []).Add(ForgetOf(EndedCallTombstones.Digest(callId)));
        }
    }

    private CallEntryMessages.Forget ForgetOf(ulong callIdDigest) => new(SessionKey.CallEntryId(_tenant, callIdDigest), _state.SessionId);

    /// <summary>The deleted session forgets every ended call it remembers (in full and as tombstones): their entries go with it.</summary>
    private void ForgetEndedCallEntries()
    {
        if (_callIndex.IsNobody())
            return;
        var tombstones = _state.EndedTombstones;
        for (var i = 0; i < tombstones.Count; i++)
            _callIndex.Tell(ForgetOf(tombstones.DigestAt(i)), ActorRefs.NoSender);
        foreach (var callId in _state.EndedCallIds)
            _callIndex.Tell(ForgetOf(EndedCallTombstones.Digest(callId)), ActorRefs.NoSender);
    }

    private static string? CallIdOf(ConsoleEvent e) => e switch
    {
        ConsoleEvents.CallStarted x => x.CallId,
        ConsoleEvents.CallStateChanged x => x.CallId,
        _ => null,
    };

    private void AskCallEntries(PendingReply pending)
    {
        // One ask per message: an entry that is starting again answers the asker at once, so each answer finds its reply.
        foreach (var message in pending.CallEntries)
            _callIndex.Ask<object>(message, CallEntryTimeout).PipeTo(Self,
                success: answer => new CallEntryAnswer(pending, answer), failure: ex => new CallEntryAnswer(pending, ex));
    }

    private void OnCallEntryAnswer(CallEntryAnswer answer)
    {
        var pending = answer.Pending;
        pending.DirectoryOutstanding--;
        // The event is journaled, but the call could not be recorded by its id: the answer fails at once (503, Retry-After).
        if (answer.Answer is not CallEntryMessages.Recorded && pending.Reply is not Status.Failure)
        {
            _log.Warning("Session {SessionId}: a call entry could not record a call ({Answer}); the answer fails and may be retried", _state.SessionId,
                answer.Answer.GetType().Name);
            pending.Reply = new Status.Failure(new CallDirectoryRestartingException());
        }
        ReleaseReady();
    }

    private void ReleaseReady()
    {
        var released = false;
        while (_awaiting.Count > 0 && _awaiting.Peek().Ready)
        {
            var pending = _awaiting.Dequeue();
            pending.ReplyTo.Tell(pending.Reply);
            var followed = _hasSubscribers || _tenantFollowers.IsFollowed(_tenant);
            var index = pending.RowOffset;
            foreach (var d in pending.Decided)
            {
                if (d.Journaled)
                    _lastPosition = new JournalPosition(pending.SequenceNr, ++index);
                if (followed || d.ConcernsTabs)
                    Context.Parent.Tell(d with { Position = _lastPosition });
            }
            released = true;
        }
        if (_stopping)
            StopIfSettled();
        if (!released)
            return;
        if (_endedAt is not null || Timers.IsTimerActive(nameof(RetentionExpired)))
            ScheduleRetention();
        MaybeSnapshot();
    }

    private void StopIfSettled()
    {
        if (_awaiting.Count == 0)
            Context.Stop(Self);
    }

    private void MaybeSnapshot()
    {
        // Only when nothing is in flight: the state must be exactly the journal up to LastSequenceNr.
        if (_awaiting.Count == 0 && _eventsSinceSnapshot >= _lifecycle.SnapshotEvery)
        {
            _eventsSinceSnapshot = 0;
            SaveSnapshot(new SessionSnapshotData(_state.ToData(), _endedAt, _timelines.ToData(_state)));
        }
    }

    private void OnSnapshotSaved(SaveSnapshotSuccess saved)
    {
        var pruneTo = saved.Metadata.SequenceNr - _lifecycle.JournalKeepEntries;
        if (pruneTo > 0)
            DeleteMessages(pruneTo);
        DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
    }

    /// <summary>Keeps the ended-sessions registry in step, so a passivated ended session is still deleted on time.</summary>
    private void TellEndedSessions() => _endedSessions.Tell(_endedAt is { } endedAt
        ? new RetentionMessages.SessionEnded(EntityId, endedAt)
        : new RetentionMessages.SessionForgotten(EntityId));

    private string EntityId => new SessionKey(_tenant, _state.SessionId).EntityId;

    private void TrackEnd(DecidedFact fact)
    {
        if (fact.Event is ConsoleEvents.SessionEnded)
            // The server's clock when it accepted the end; a row written before facts carried it counts from the client's at (never later than now).
            _endedAt = fact.AcceptedAt ?? (fact.Event.Header.At is { } at ? RetentionDeadline.EndedAt(at, Context.System.Scheduler.Now) : null);
        else
            _endedAt = null;
    }

    private void ScheduleRetention()
    {
        if (_endedAt is not { } endedAt)
        {
            Timers.Cancel(nameof(RetentionExpired));
            return;
        }
        var remaining = RetentionDeadline.Of(endedAt, _lifecycle.EndedRetention) - Context.System.Scheduler.Now;
        Timers.StartSingleTimer(nameof(RetentionExpired), new RetentionExpired(), remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    private void DeleteSession()
    {
        _log.Info("Session {SessionId}: retention after sessionEnded has passed; deleting its journal and snapshots", _state.SessionId);
        DeleteMessages(long.MaxValue);
        DeleteSnapshots(SnapshotSelectionCriteria.Latest);
        ForgetEndedCallEntries();
        Context.Parent.Tell(new SessionEvents.Deleted(_state.SessionId));
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        FailAwaiting(cause);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The state already holds the rejected event; only a recovery from the journal makes it true again.
        FailAwaiting(cause);
        base.OnPersistRejected(cause, @event, sequenceNr);
        Context.Stop(Self);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        Context.Parent.Tell(new SessionEvents.RecoveryFailed(reason));
        base.OnRecoveryFailure(reason, message);
    }

    private void FailAwaiting(Exception cause)
    {
        _log.Error(cause, "Session {SessionId}: the journal refused a write; {Count} answers fail and the session recovers", _state.SessionId, _awaiting.Count);
        TrackerTelemetry.JournalFailures.Add(1, Tenant);
        var failure = new Status.Failure(new JournalWriteException(_state.SessionId, cause));
        _nextRow = [];
        _nextRowReplies.Clear();
        _writingReplies.Clear();
        while (_awaiting.Count > 0)
        {
            var pending = _awaiting.Dequeue();
            pending.WriteSpan?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, cause.Message).Dispose();
            pending.ReplyTo.Tell(failure);
        }
    }
}
