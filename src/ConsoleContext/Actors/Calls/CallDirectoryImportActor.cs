using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// The one-shot migration from the single call directory (persistence id <c>call-directory</c>, one row per started call)
/// to one entry per call: recovers the old rows, hands each call to its entry (<see cref="CallEntryMessages.Import"/>, which
/// never overrides a session recorded since), and once every entry has confirmed, deletes the old rows and snapshots and
/// stops. With no old rows it stops right after recovery. Safe to run on several nodes at once and to be cut short: an
/// import is idempotent, and the old rows go only after every call is in its entry.
/// </summary>
public sealed class CallDirectoryImportActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>Imports in flight at a time.</summary>
    public const int Window = 100;

    /// <summary>How long to wait for confirmations before sending the outstanding imports again.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromSeconds(5);

    private sealed record Resend;

    private readonly IActorRef _calls;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, string> _sessionByCall = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _outstanding = new(StringComparer.Ordinal);
    private Queue<KeyValuePair<string, string>> _toSend = new();
    private int _imported;

    /// <param name="calls">The <c>calls</c> region (or the local <see cref="CallRouterActor"/>).</param>
    public CallDirectoryImportActor(IActorRef calls)
    {
        _calls = calls;
        Recover<SnapshotOffer>(offer =>
        {
            foreach (var (callKey, sessionId) in ((CallIndexMessages.DirectorySnapshot)offer.Snapshot).SessionByCall)
                _sessionByCall[callKey] = sessionId;
        });
        Recover<CallIndexMessages.CallStartedIn>(m => _sessionByCall[m.CallId] = m.SessionId);
        Recover<RecoveryCompleted>(_ => Start());

        Command<CallEntryMessages.Recorded>(recorded =>
        {
            if (!_outstanding.Remove(recorded.CallKey))
                return;
            _imported++;
            SendMore();
        });
        Command<CallIndexMessages.Restarting>(_ => Timers.StartSingleTimer(nameof(Resend), new Resend(), TimeSpan.FromSeconds(1)));
        Command<Resend>(_ =>
        {
            foreach (var (callKey, sessionId) in _outstanding)
                _calls.Tell(new CallEntryMessages.Import(callKey, sessionId));
            Timers.StartSingleTimer(nameof(Resend), new Resend(), ResendAfter);
        });
        Command<DeleteMessagesSuccess>(_ => DeleteSnapshots(SnapshotSelectionCriteria.Latest));
        Command<DeleteMessagesFailure>(f => Stopped(f.Cause, "deleting the old call directory rows failed; the next start imports again"));
        Command<DeleteSnapshotsSuccess>(_ =>
        {
            _log.Info("Call directory: {Count} calls moved to their entries; the old call-directory rows are deleted", _imported);
            Context.Stop(Self);
        });
        Command<DeleteSnapshotsFailure>(f => Stopped(f.Cause, "deleting the old call directory snapshots failed; the next start tries again"));
    }

    public override string PersistenceId => CallIndexMessages.DirectoryPersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef calls) => Akka.Actor.Props.Create(() => new CallDirectoryImportActor(calls));

    private void Start()
    {
        if (_sessionByCall.Count == 0)
        {
            Context.Stop(Self);
            return;
        }
        _log.Info("Call directory: moving {Count} calls from call-directory to one entry per call", _sessionByCall.Count);
        _toSend = new Queue<KeyValuePair<string, string>>(_sessionByCall);
        _sessionByCall.Clear();
        SendMore();
    }

    private void SendMore()
    {
        while (_outstanding.Count < Window && _toSend.TryDequeue(out var next))
        {
            _outstanding[next.Key] = next.Value;
            _calls.Tell(new CallEntryMessages.Import(next.Key, next.Value));
        }
        if (_outstanding.Count > 0)
        {
            Timers.StartSingleTimer(nameof(Resend), new Resend(), ResendAfter);
            return;
        }
        Timers.Cancel(nameof(Resend));
        DeleteMessages(LastSequenceNr);
    }

    private void Stopped(Exception cause, string what)
    {
        _log.Warning(cause, "Call directory: {What}", what);
        Context.Stop(Self);
    }
}
