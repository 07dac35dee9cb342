using ConsoleContext.Actors.Sessions;

namespace ConsoleContext.Host.Api;

/// <summary>
/// The SSE <c>id:</c> of a streamed decision, <c>{sessionId}/{sequenceNr}.{events}</c>: the session and the decision's
/// <see cref="JournalPosition"/> in its journal. Sent back as <c>Last-Event-ID</c>, it says where to resume.
/// </summary>
public readonly record struct StreamId(string SessionId, JournalPosition Position)
{
    /// <summary>What a valid id looks like, for error details.</summary>
    public const string Shape = "{sessionId}/{sequenceNr}.{events}";

    public override string ToString() => $"{SessionId}/{Position}";

    /// <summary>Reads an id this service sent; false for anything else.</summary>
    public static bool TryParse(string text, out StreamId id)
    {
        id = default;
        var slash = text.IndexOf('/');
        if (slash < 0 || PathIds.SessionIdProblem(text[..slash]) is not null || !JournalPosition.TryParse(text[(slash + 1)..], out var position))
            return false;
        id = new StreamId(text[..slash], position);
        return true;
    }
}
