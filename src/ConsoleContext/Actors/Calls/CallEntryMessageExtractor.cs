using Akka.Cluster.Sharding;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// Routes every <see cref="CallEntryMessages.ICallEntryMessage"/> by its entry id (<see cref="Sessions.SessionKey.CallEntryId(string)"/>); the same extractor serves the local
/// <see cref="CallRouterActor"/> and the <c>calls</c> shard region.
/// </summary>
public sealed class CallEntryMessageExtractor(int maxNumberOfShards = CallEntryMessageExtractor.DefaultShardCount)
    : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const int DefaultShardCount = 100;

    public override string? EntityId(object message) => (message as CallEntryMessages.ICallEntryMessage)?.EntryId;
}
