namespace ConsoleContext.Host.Wiring;

/// <summary>A problem found while starting, with a message an operator can act on (what is wrong, what to do).</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
