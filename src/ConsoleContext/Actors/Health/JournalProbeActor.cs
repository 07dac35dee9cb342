using Akka.Actor;
using Akka.Persistence;

namespace ConsoleContext.Actors.Health;

/// <summary>
/// Answers whether the journal takes writes now: each <see cref="Check"/> persists one marker row under this node's own
/// persistence id and deletes the rows before it, so the probe keeps about one row however often it is asked. A write
/// (or the read at start) the journal refuses stops the persistent child; the next check starts a fresh one, so the
/// answer turns back to healthy as soon as writes succeed again.
/// </summary>
public sealed class JournalProbeActor : ReceiveActor
{
    /// <summary>Asks for one probe write; answered with <see cref="Result"/>.</summary>
    public sealed record Check;

    /// <summary>The outcome of one probe write.</summary>
    /// <param name="Writable">True when the journal stored the marker.</param>
    /// <param name="Error">Why not, when it did not: the journal's error message or "the probe stopped".</param>
    public sealed record Result(bool Writable, string? Error);

    private sealed record Marker(long At);

    private readonly string _persistenceId;
    private readonly Queue<IActorRef> _waiting = new();
    private IActorRef _writer = ActorRefs.Nobody;

    /// <param name="persistenceId">Unique per node, so nodes sharing one journal never write the same id.</param>
    public JournalProbeActor(string persistenceId)
    {
        _persistenceId = persistenceId;
        Receive<Check>(_ =>
        {
            if (_writer.IsNobody())
            {
                _writer = Context.ActorOf(Akka.Actor.Props.Create(() => new Writer(_persistenceId)));
                Context.Watch(_writer);
            }
            _waiting.Enqueue(Sender);
            _writer.Tell(new Marker(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        });
        Receive<Result>(result =>
        {
            if (_waiting.TryDequeue(out var asker))
                asker.Tell(result);
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_writer), _ =>
        {
            _writer = ActorRefs.Nobody;
            while (_waiting.TryDequeue(out var asker))
                asker.Tell(new Result(false, "the journal refused a write or a read (see the log)"));
        });
    }

    /// <param name="persistenceId">See the constructor.</param>
    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalProbeActor(persistenceId));

    // Persistent actors stop on a failed write or recovery: the parent sees Terminated and answers the waiting checks.
    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<Marker>(marker => Persist(marker.At, _ =>
            {
                Context.Parent.Tell(new Result(true, null));
                if (LastSequenceNr > 1)
                    DeleteMessages(LastSequenceNr - 1);
            }));
            Command<DeleteMessagesSuccess>(_ => { });
            Command<DeleteMessagesFailure>(_ => { });
            Recover<long>(_ => { });
        }

        public override string PersistenceId { get; }
    }
}
