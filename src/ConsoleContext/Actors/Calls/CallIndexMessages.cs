namespace ConsoleContext.Actors.Calls;

/// <summary>The call directory's protocol: which session most recently started a call id (spec §5, a transfer moves it).</summary>
public static class CallIndexMessages
{
    /// <summary>Told by a session when it starts a call; the latest one wins.</summary>
    public sealed record CallStartedIn(string CallId, string SessionId);

    /// <summary>Answered with <see cref="CallLocation"/>; SessionId is null for a call never started.</summary>
    public sealed record Locate(string CallId);

    public sealed record CallLocation(string CallId, string? SessionId);
}
