namespace ConsoleContext.Actors.Calls;

/// <summary>The call directory answered <see cref="CallIndexMessages.Restarting"/>: a lookup can be retried in a moment.</summary>
public sealed class CallDirectoryRestartingException()
    : Exception("the call directory is starting again after a journal failure; retry in a moment");
