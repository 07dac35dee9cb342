using ConsoleContext.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// What the single call directory (before one entry per call, <see cref="CallEntryActor"/>) journaled, read once by
/// <see cref="CallDirectoryImportActor"/>; and the answer of an entry that is starting again.
/// </summary>
public static class CallIndexMessages
{
    /// <summary>The persistence id of the single call directory; its rows are imported into the entries, then deleted.</summary>
    public const string DirectoryPersistenceId = "call-directory";

    /// <summary>A row of the old directory: a session started a call; the latest one wins.</summary>
    /// <param name="CallId">The tenant-scoped <see cref="Sessions.SessionKey.CallKey"/>: the callId itself in the default tenant.</param>
    /// <param name="SessionId">The sessionId within that tenant.</param>
    public sealed record CallStartedIn(string CallId, string SessionId) : IPersistedMessage;

    /// <summary>
    /// The answer to any question while a call's entry is stopped after a refused journal write and waits to start again
    /// (its backoff supervisor answers for it): the asker fails at once instead of waiting for its timeout.
    /// </summary>
    public sealed record Restarting;

    /// <summary>The old directory's snapshot: call id to session id.</summary>
    public sealed record DirectorySnapshot(IReadOnlyDictionary<string, string> SessionByCall) : IPersistedMessage;
}
