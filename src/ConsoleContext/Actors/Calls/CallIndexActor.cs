using Akka.Actor;
using Akka.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// Answers "which session owns call X?" for queries that carry only the call id. It journals every
/// <see cref="CallIndexMessages.CallStartedIn"/> and confirms it to the session, which holds its answer to
/// the callStarted until then: a call whose decision was returned can be found by id, also after a restart.
/// </summary>
public sealed class CallIndexActor : ReceivePersistentActor
{
    public const string DirectoryPersistenceId = "call-directory";
    public const int SnapshotEvery = 1000;

    private readonly Dictionary<string, string> _sessionByCall = new(StringComparer.Ordinal);
    private long _lastSnapshotSequenceNr;

    public CallIndexActor()
    {
        Recover<SnapshotOffer>(offer =>
        {
            foreach (var (callId, sessionId) in ((CallIndexMessages.DirectorySnapshot)offer.Snapshot).SessionByCall)
                _sessionByCall[callId] = sessionId;
            _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<CallIndexMessages.CallStartedIn>(m => _sessionByCall[m.CallId] = m.SessionId);

        Command<CallIndexMessages.CallStartedIn>(m =>
        {
            _sessionByCall[m.CallId] = m.SessionId;
            var asker = Sender;
            PersistAsync(m, recorded =>
            {
                asker.Tell(new CallIndexMessages.Recorded(recorded.CallId));
                MaybeSnapshot();
            });
        });
        Command<CallIndexMessages.Locate>(m =>
            Sender.Tell(new CallIndexMessages.CallLocation(m.CallId, _sessionByCall.GetValueOrDefault(m.CallId))));
        Command<SaveSnapshotSuccess>(saved => DeleteMessages(saved.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    public override string PersistenceId => DirectoryPersistenceId;

    public static Props Props() => Akka.Actor.Props.Create(() => new CallIndexActor());

    private void MaybeSnapshot()
    {
        if (LastSequenceNr - _lastSnapshotSequenceNr < SnapshotEvery)
            return;
        _lastSnapshotSequenceNr = LastSequenceNr;
        SaveSnapshot(new CallIndexMessages.DirectorySnapshot(new Dictionary<string, string>(_sessionByCall)));
    }
}
