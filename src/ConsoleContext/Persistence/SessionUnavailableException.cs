namespace ConsoleContext.Persistence;

/// <summary>The session's stored history cannot be read back; the session answers nothing until it is repaired.</summary>
public sealed class SessionUnavailableException(string sessionId, string reason, Exception? cause = null)
    : Exception($"session {sessionId} cannot be recovered from its journal: {reason}", cause)
{
    public string SessionId { get; } = sessionId;
}
