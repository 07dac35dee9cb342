using Akka.Cluster.Sharding;
using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// Routes every <see cref="ISessionMessage"/> by its tenant-scoped <see cref="SessionKey.EntityId"/> (the sessionId alone in the
/// default tenant); the same extractor serves the local router and Cluster.Sharding.
/// </summary>
public sealed class SessionMessageExtractor(int maxNumberOfShards = SessionMessageExtractor.DefaultShardCount)
    : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const int DefaultShardCount = 100;

    public override string? EntityId(object message) => message is ISessionMessage m
        ? new SessionKey((m as TenantMessage)?.Tenant ?? SessionKey.DefaultTenant, m.SessionId).EntityId
        : null;
}
