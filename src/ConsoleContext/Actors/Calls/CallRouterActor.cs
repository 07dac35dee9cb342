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

    /// <param name="retention">How long an ended call's archive is kept (<c>ended-call-retention</c>).</param>
    public CallRouterActor(TimeSpan retention)
    {
        _retention = retention;
        Receive<CallEntryMessages.ICallEntryMessage>(m => EntryFor(_extractor.EntityId(m)!).Forward(m));
        // An archived entry asks its shard to passivate it; a local system keeps its entries for its short life.
        Receive<Akka.Cluster.Sharding.Passivate>(_ => { });
    }

    public static Props Props(TimeSpan retention) =>
        Akka.Actor.Props.Create(() => new CallRouterActor(retention));

    /// <summary>An entry's props as the cluster runs it: restarted with backoff after a refused write, answering <see cref="CallIndexMessages.Restarting"/> meanwhile.</summary>
    /// <param name="entryId">The entry's id (<see cref="Sessions.SessionKey.CallEntryId(string)"/>).</param>
    public static Props EntryProps(string entryId, TimeSpan retention) =>
        Hosting.ConsoleContextCluster.RestartedWithBackoff(CallEntryActor.Props(entryId, retention), "entry", new CallIndexMessages.Restarting(),
            finalStop: m => m is CallEntryActor.Stop);

    private IActorRef EntryFor(string entryId)
    {
        var name = ActorNames.Encode(entryId);
        var entry = Context.Child(name);
        return entry.IsNobody() ? Context.ActorOf(EntryProps(entryId, _retention), name) : entry;
    }
}
