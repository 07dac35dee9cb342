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
    }

    public static Props Props(TimeSpan retention) => Akka.Actor.Props.Create(() => new CallRouterActor(retention));

    /// <summary>An entry's props as the cluster runs it: restarted with backoff after a refused write, answering <see cref="CallIndexMessages.Restarting"/> meanwhile.</summary>
    public static Props EntryProps(string callKey, TimeSpan retention) =>
        Hosting.ConsoleContextCluster.RestartedWithBackoff(CallEntryActor.Props(callKey, retention), "entry", new CallIndexMessages.Restarting());

    private IActorRef EntryFor(string callKey)
    {
        var name = ActorNames.Encode(callKey);
        var entry = Context.Child(name);
        return entry.IsNobody() ? Context.ActorOf(EntryProps(callKey, _retention), name) : entry;
    }
}
