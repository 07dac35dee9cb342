using ConsoleContext.Persistence;

namespace ConsoleContext.Actors.Calls;

/// <summary>The call directory's protocol: which session most recently started a call id (spec §5, a transfer moves it).</summary>
public static class CallIndexMessages
{
    /// <summary>Told by a session when it starts a call; the latest one wins. Journaled; answered with <see cref="Recorded"/>.</summary>
    /// <param name="CallId">The tenant-scoped <see cref="Sessions.SessionKey.CallKey"/>: the callId itself in the default tenant.</param>
    /// <param name="SessionId">The sessionId within that tenant.</param>
    public sealed record CallStartedIn(string CallId, string SessionId) : IPersistedMessage;

    /// <summary>The directory has journaled a <see cref="CallStartedIn"/>; confirmations come back in the order they were asked.</summary>
    public sealed record Recorded(string CallId);

    /// <summary>Answered with <see cref="CallLocation"/>; SessionId is null for a call never started.</summary>
    /// <param name="CallId">The tenant-scoped <see cref="Sessions.SessionKey.CallKey"/>.</param>
    public sealed record Locate(string CallId);

    public sealed record CallLocation(string CallId, string? SessionId);

    /// <summary>
    /// The answer to any question while the directory is stopped after a refused journal write and waits to start again
    /// (its backoff supervisor answers for it): the asker fails at once instead of waiting for its timeout.
    /// </summary>
    public sealed record Restarting;

    /// <summary>The directory's snapshot: call id to session id.</summary>
    public sealed record DirectorySnapshot(IReadOnlyDictionary<string, string> SessionByCall) : IPersistedMessage;
}
