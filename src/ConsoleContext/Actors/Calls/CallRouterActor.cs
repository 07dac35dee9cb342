using Akka.Actor;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// The local stand-in for the <c>calls</c> shard region (replay, simulation in memory, TestKit): finds (or starts) a call's
/// entry by the key the <see cref="CallEntryMessageExtractor"/> reads, exactly as the region would, each entry under the
/// same backoff supervisor as in the cluster. Entries are not passivated here: a local system lives for one replay or test.
/// </summary>
public sealed class CallRouterActor : ReceiveActor
{
    private readonly CallEntryMessageExtractor _extractor = new();
    private readonly TimeSpan _retention;
    private readonly IActorRef _registry;

    /// <param name="retention">How long an ended call's archive is kept (<c>ended-call-retention</c>).</param>
    /// <param name="registry">The ended-sessions registry that wakes expired entries; Nobody when there is none.</param>
    public CallRouterActor(TimeSpan retention, IActorRef registry)
    {
        _retention = retention;
        _registry = registry;
        Receive<CallEntryMessages.ICallEntryMessage>(m => EntryFor(_extractor.EntityId(m)!).Forward(m));
        // An archived entry asks its shard to passivate it; a local system keeps its entries for its short life.
        Receive<Akka.Cluster.Sharding.Passivate>(_ => { });
    }

    /// <param name="registry">The ended-sessions registry; Nobody (the default) when there is none.</param>
    public static Props Props(TimeSpan retention, IActorRef? registry = null) =>
        Akka.Actor.Props.Create(() => new CallRouterActor(retention, registry ?? ActorRefs.Nobody));

    /// <summary>An entry's props as the cluster runs it: restarted with backoff after a refused write, answering <see cref="CallIndexMessages.Restarting"/> meanwhile.</summary>
    public static Props EntryProps(string callKey, TimeSpan retention, IActorRef? registry = null) =>
        Hosting.ConsoleContextCluster.RestartedWithBackoff(CallEntryActor.Props(callKey, retention, registry), "entry", new CallIndexMessages.Restarting(),
            message => message is CallEntryMessages.Stop);

    private IActorRef EntryFor(string callKey)
    {
        var name = ActorNames.Encode(callKey);
        var entry = Context.Child(name);
        return entry.IsNobody() ? Context.ActorOf(EntryProps(callKey, _retention, _registry), name) : entry;
    }
}
