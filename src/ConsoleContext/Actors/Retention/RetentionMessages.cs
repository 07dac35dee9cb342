using Akka.Actor;
using ConsoleContext.Persistence;

namespace ConsoleContext.Actors.Retention;

/// <summary>The protocol of the ended-sessions registry, which wakes ended sessions when their retention has passed.</summary>
public static class RetentionMessages
{
    /// <summary>A session journaled a sessionEnded at <paramref name="EndedAt"/> (its event time).</summary>
    /// <param name="SessionId">The session's <see cref="Sessions.SessionKey.EntityId"/>: the sessionId itself in the default tenant.</param>
    public sealed record SessionEnded(string SessionId, DateTimeOffset EndedAt) : IPersistedMessage;

    /// <summary>A session accepted an event after its sessionEnded, or was woken for deletion: it is no longer waiting.</summary>
    public sealed record SessionForgotten(string SessionId) : IPersistedMessage;

    /// <summary>The registry's snapshot: ended sessions and when they ended.</summary>
    public sealed record RegistrySnapshot(IReadOnlyDictionary<string, DateTimeOffset> EndedAt) : IPersistedMessage;

    /// <summary>
    /// Journaled by the registry before sessions forgot their calls' entries (manifest <c>call-archived.v1</c>): a call's entry
    /// archived an ended call whose end the server accepted at <paramref name="EndedAt"/>. Only recovered now: the registry
    /// still wakes such an entry once <c>ended-call-retention</c> has passed; nothing records new ones.
    /// </summary>
    /// <param name="CallKey">The tenant-scoped <see cref="Sessions.SessionKey.CallKey"/>.</param>
    public sealed record CallArchived(string CallKey, DateTimeOffset EndedAt) : IPersistedMessage;

    /// <summary>The registry's snapshot since it also wakes call entries (manifest <c>ended-sessions.v2</c>).</summary>
    public sealed record RegistrySnapshotV2(IReadOnlyDictionary<string, DateTimeOffset> EndedAt, IReadOnlyDictionary<string, DateTimeOffset> CallsEndedAt)
        : IPersistedMessage;

    /// <summary>Where to send the wake-up calls (sessions, and call entries when given); the sweeps start once this arrives.</summary>
    public sealed record SweepThrough(IActorRef Sessions, IActorRef? Calls = null);
}
