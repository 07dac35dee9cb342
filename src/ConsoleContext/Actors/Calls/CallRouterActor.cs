using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// The local stand-in for the <c>calls</c> shard region (replay, simulation in memory, the benchmarks' harness, TestKit):
/// finds (or starts) a call's entry by the key the <see cref="CallEntryMessageExtractor"/> reads, exactly as the region
/// would, each entry under the same backoff supervisor as in the cluster (<see cref="EntryProps"/>), and passivates an entry
/// that asks for it (<see cref="Passivate"/>: after writing an ended call's archive, after a <see cref="CallEntryMessages.Forget"/>)
/// as a shard does: it sends the entry the passivation's stop message behind what it already routed there, holds what
/// arrives for the entry until the entry has stopped, then starts it again for those messages (it recovers from its
/// journal) or forgets it. So an ended call costs no memory locally either. Entries that never ask stay until the system
/// stops (no idle passivation: a local system lives for one replay, simulation or test).
/// </summary>
/// <remarks>
/// The entry's <see cref="Passivate"/> reaches the router from the entry's <c>BackoffSupervisor</c>, which passes on every
/// message of its child to its parent with itself as the sender: the router's child is that supervisor, and it stops the
/// supervisor (the supervisor forwards <see cref="CallEntryActor.Stop"/>, its final stop message, and stops with the entry).
/// At most <see cref="BufferSize"/> messages are held for all passivating entries together (the shard's own bound is
/// <c>akka.cluster.sharding.buffer-size</c>, 100,000 per shard); one more is answered <see cref="CallIndexMessages.Restarting"/>
/// at once, as an entry that cannot write answers (the session's answer fails with HTTP 503 and Retry-After), and a
/// <see cref="CallEntryMessages.Forget"/> beyond it is dropped (fire-and-forget: its entry keeps its journal until its
/// retention passes).
/// </remarks>
public sealed class CallRouterActor : ReceiveActor
{
    /// <summary>
    /// The default bound of <see cref="BufferSize"/>: messages held for all passivating entries of one router together. An
    /// entry stops within one journal write of its request, so only a stalled journal fills it; at a few hundred bytes a
    /// message (an <see cref="CallEntryMessages.Archive"/> with its timeline, up to a few KiB) it holds at most tens of MiB.
    /// </summary>
    public const int DefaultBufferSize = 10_000;

    private readonly CallEntryMessageExtractor _extractor = new();
    private readonly TimeSpan _retention;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    // Entries (by actor name) being stopped at their own request, with what arrived for them meanwhile.
    private readonly PassivationHold<CallEntryMessages.ICallEntryMessage> _passivating;

    /// <param name="retention">How long an ended call's archive is kept (<c>ended-call-retention</c>).</param>
    /// <param name="bufferSize">At most this many messages held for passivating entries (<see cref="DefaultBufferSize"/>); zero or more.</param>
    public CallRouterActor(TimeSpan retention, int bufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        _retention = retention;
        BufferSize = bufferSize;
        _passivating = new PassivationHold<CallEntryMessages.ICallEntryMessage>(bufferSize);
        Receive<CallEntryMessages.ICallEntryMessage>(Route);
        Receive<Passivate>(OnPassivate);
        Receive<Terminated>(OnTerminated);
        // The stop message reached a supervisor whose entry was itself restarting after a refused write: it answers so and stops.
        Receive<CallIndexMessages.Restarting>(_ => { });
    }

    /// <summary>At most this many messages are held for all passivating entries together; one more is answered <see cref="CallIndexMessages.Restarting"/>.</summary>
    public int BufferSize { get; }

    /// <param name="retention">How long an ended call's archive is kept (<c>ended-call-retention</c>).</param>
    /// <param name="bufferSize">At most this many messages held for passivating entries; zero or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bufferSize"/> is negative.</exception>
    public static Props Props(TimeSpan retention, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
        return Akka.Actor.Props.Create(() => new CallRouterActor(retention, bufferSize));
    }

    /// <summary>An entry's props as the cluster runs it: restarted with backoff after a refused write, answering <see cref="CallIndexMessages.Restarting"/> meanwhile.</summary>
    /// <param name="entryId">The entry's id (<see cref="Sessions.SessionKey.CallEntryId(string)"/>).</param>
    public static Props EntryProps(string entryId, TimeSpan retention) =>
        Hosting.ConsoleContextCluster.RestartedWithBackoff(CallEntryActor.Props(entryId, retention), "entry", new CallIndexMessages.Restarting(),
            finalStop: m => m is CallEntryActor.Stop);

    private void Route(CallEntryMessages.ICallEntryMessage message)
    {
        var entryId = _extractor.EntityId(message)!;
        var name = ActorNames.Encode(entryId);
        if (_passivating.TryHold(name, message, Sender, out var full))
            return;
        if (!full)
        {
            EntryFor(entryId, name).Forward(message);
            return;
        }
        _log.Warning("Call router: {Buffered} messages are held for passivating entries, the bound; a {MessageType} for entry {EntryId} is answered Restarting",
            _passivating.Count, message.GetType().Name, entryId);
        Sender.Tell(new CallIndexMessages.Restarting());
    }

    private IActorRef EntryFor(string entryId, string name)
    {
        var entry = Context.Child(name);
        return entry.IsNobody() ? Context.ActorOf(EntryProps(entryId, _retention), name) : entry;
    }

    private void OnPassivate(Passivate passivate)
    {
        // The entry's supervisor, passing on its entry's request; a stale request from an earlier incarnation does not match.
        var entry = Sender;
        var name = entry.Path.Name;
        if (!Context.Child(name).Equals(entry) || !_passivating.Begin(name))
            return;
        Context.Watch(entry);
        entry.Tell(passivate.StopMessage);
    }

    private void OnTerminated(Terminated terminated)
    {
        var name = terminated.ActorRef.Path.Name;
        var buffer = _passivating.End(name);
        if (buffer.Count == 0)
            return;
        var entry = EntryFor(buffer[0].Message.EntryId, name);
        foreach (var (message, sender) in buffer)
            entry.Tell(message, sender);
    }
}
