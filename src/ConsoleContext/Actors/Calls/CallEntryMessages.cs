using System.Text.Json.Serialization;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Queries;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// The protocol of a call's entry (<see cref="CallEntryActor"/>, one per <see cref="SessionKey.CallEntryId(string)"/>: the tenant and
/// the callId's digest): which session most recently started the call (spec §5, a transfer moves it) and, once the call has ended,
/// its archived answers. Answers carry the call key of the message they answer, never the entry's id.
/// </summary>
public static class CallEntryMessages
{
    /// <summary>Every message routed to one call's entry by <see cref="CallEntryMessageExtractor"/>.</summary>
    public interface ICallEntryMessage
    {
        /// <summary>The entry's id (<see cref="SessionKey.CallEntryId(string)"/>), which the extractor routes by.</summary>
        string EntryId { get; }
    }

    // Start, Archive, Import and Locate name their call by the tenant-scoped SessionKey.CallKey (the callId itself in the default tenant).

    /// <summary>From a session that applied a callStarted (a new life of the call, R6): the session now owns the call id and any archive goes. Answered with <see cref="Recorded"/> once journaled.</summary>
    public sealed record Start(string CallKey, string SessionId) : ICallEntryMessage
    {
        /// <inheritdoc/>
        [JsonIgnore] public string EntryId => SessionKey.CallEntryId(CallKey);
    }

    /// <summary>
    /// From a session that saved the call ended (its end, or a later change while ended): the answers for
    /// <c>GET /v1/calls/{callId}</c> and its <c>/timeline</c>, kept by the entry (latest wins) until
    /// <c>ended-call-retention</c> after <paramref name="AcceptedAt"/>. Answered with <see cref="Recorded"/> once journaled.
    /// </summary>
    /// <param name="AcceptedAt">The server's clock when the session accepted the event; the entry keeps the first of a life (the end's).</param>
    public sealed record Archive(string CallKey, string SessionId, CallView View, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset AcceptedAt)
        : ICallEntryMessage
    {
        /// <inheritdoc/>
        [JsonIgnore] public string EntryId => SessionKey.CallEntryId(CallKey);
    }

    /// <summary>From the one-shot import of the old single call directory: recorded only when the entry knows no session yet.</summary>
    public sealed record Import(string CallKey, string SessionId) : ICallEntryMessage
    {
        /// <inheritdoc/>
        [JsonIgnore] public string EntryId => SessionKey.CallEntryId(CallKey);
    }

    /// <summary>The entry has journaled a <see cref="Start"/>, <see cref="Archive"/> or <see cref="Import"/> (or had nothing to record).</summary>
    public sealed record Recorded(string CallKey);

    /// <summary>Answered with <see cref="Location"/>.</summary>
    public sealed record Locate(string CallKey) : ICallEntryMessage
    {
        /// <inheritdoc/>
        [JsonIgnore] public string EntryId => SessionKey.CallEntryId(CallKey);
    }

    /// <summary>
    /// From the session <paramref name="SessionId"/> that forgot the call (R11, or its own deletion after sessionEnded): the entry
    /// deletes its journal and passivates, unless another session has started the call since. Fire-and-forget: no answer.
    /// </summary>
    /// <param name="EntryId">The entry's id; a session remembering only a tombstone knows the callId's digest, not the callId.</param>
    public sealed record Forget(string EntryId, string SessionId) : ICallEntryMessage;

    /// <summary>Where the call's answers come from: the archive when there is one, else the session (null: no call was ever started, or its archive expired).</summary>
    public sealed record Location(string CallKey, string? SessionId, ArchivedCall? Archived);

    /// <summary>An ended call's answers as the session last saved them.</summary>
    /// <param name="EndedAt">The server's clock when the session accepted the call's end; the archive is deleted <c>ended-call-retention</c> after it.</param>
    public sealed record ArchivedCall(CallView View, IReadOnlyList<TimelineEntry> Timeline, DateTimeOffset EndedAt);

    /// <summary>Journaled: <paramref name="SessionId"/> started a new life of the call (manifest <c>call-entry-started.v1</c>).</summary>
    public sealed record Started(string SessionId) : IPersistedMessage;

    /// <summary>Journaled: the call's archived answers (manifest <c>call-entry-archived.v1</c>); the latest row wins.</summary>
    public sealed record Archived(string SessionId, ArchivedCall Call) : IPersistedMessage;
}
