namespace ConsoleContext.Actors.Calls;

/// <summary>
/// A call's entry answered <see cref="CallIndexMessages.Restarting"/> or could not journal what it was told: a lookup, or
/// the answer to an event that waited for the entry, can be retried in a moment (HTTP 503 with Retry-After).
/// </summary>
public sealed class CallDirectoryRestartingException()
    : Exception("the call directory is starting again after a journal failure; retry in a moment");
