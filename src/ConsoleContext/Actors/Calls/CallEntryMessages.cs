using ConsoleContext.Persistence;
using ConsoleContext.Queries;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// The protocol of a call's entry (<see cref="CallEntryActor"/>, one per tenant-scoped call key): which session most recently
/// started the call (spec §5, a transfer moves it) and, once the call has ended, its archived answers.
/// </summary>
public static class CallEntryMessages
{
    /// <summary>Every message routed to one call's entry by <see cref="CallEntryMessageExtractor"/>.</summary>
    public interface ICallEntryMessage
    {
        /// <summary>The tenant-scoped <see cref="Sessions.SessionKey.CallKey"/>: the callId itself in the default tenant.</summary>
        string CallKey { get; }
    }

    /// <summary>From a session that applied a callStarted (a new life of the call, R6): the session now owns the call id and any archive goes. Answered with <see cref="Recorded"/> once journaled.</summary>
    public sealed record Start(string CallKey, string SessionId) : ICallEntryMessage;

    /// <summary>
    /// From a session that saved the call ended (its end, or a later change while ended): the answers for
    /// <c>GET /v1/calls/{callId}</c> and its <c>/timeline</c>, kept by the entry (latest wins) until
    /// <c>ended-call-retention</c> after <paramref name="AcceptedAt"/>. Answered with <see cref="Recorded"/> once journaled.
    /// </summary>
    /// <param name="AcceptedAt">The server's clock when the session accepted the event; the entry keeps the first of a life (the end's).</param>
    public sealed record Archive(string CallKey, string SessionId, CallView View, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset AcceptedAt)
        : ICallEntryMessage;

    /// <summary>From the one-shot import of the old single call directory: recorded only when the entry knows no session yet.</summary>
    public sealed record Import(string CallKey, string SessionId) : ICallEntryMessage;

    /// <summary>The entry has journaled a <see cref="Start"/>, <see cref="Archive"/> or <see cref="Import"/> (or had nothing to record).</summary>
    public sealed record Recorded(string CallKey);

    /// <summary>Answered with <see cref="Location"/>.</summary>
    public sealed record Locate(string CallKey) : ICallEntryMessage;

    /// <summary>Where the call's answers come from: the archive when there is one, else the session (null: no call was ever started, or its archive expired).</summary>
    public sealed record Location(string CallKey, string? SessionId, ArchivedCall? Archived);

    /// <summary>An ended call's answers as the session last saved them.</summary>
    /// <param name="EndedAt">The server's clock when the session accepted the call's end; the archive is deleted <c>ended-call-retention</c> after it.</param>
    public sealed record ArchivedCall(CallView View, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset EndedAt);

    /// <summary>Journaled: <paramref name="SessionId"/> started a new life of the call (manifest <c>call-entry-started.v1</c>).</summary>
    /// <summary>
    /// The shard's stop message for an entry (passivation, hand-off): the entry stops once the write it is doing has been
    /// answered (commands wait while it persists), where a PoisonPill would drop that answer. Local only; never persisted.
    /// </summary>
    public sealed class Stop
    {
        public static readonly Stop Instance = new();

        private Stop()
        {
        }
    }

    public sealed record Started(string SessionId) : IPersistedMessage;

    /// <summary>Journaled: the call's archived answers (manifest <c>call-entry-archived.v1</c>); the latest row wins.</summary>
    public sealed record Archived(string SessionId, ArchivedCall Call) : IPersistedMessage;
}
