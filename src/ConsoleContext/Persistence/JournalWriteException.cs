namespace ConsoleContext.Persistence;

/// <summary>The event could not be recorded; nothing was acknowledged, and a retry with the same eventId is safe.</summary>
public sealed class JournalWriteException(string sessionId, Exception? cause)
    : Exception($"session {sessionId} could not record the event; retry with the same eventId", cause)
{
    public string SessionId { get; } = sessionId;
}
