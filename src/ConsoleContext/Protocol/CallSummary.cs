namespace ConsoleContext.Protocol;

/// <summary>One call as a decision lists it (spec §3).</summary>
/// <param name="State"><c>ringing</c>, <c>connected</c>, <c>held</c> or <c>ended</c>.</param>
/// <param name="OwnerTabId">The owner tab; null while pending. An ended call reports the owner it had when it ended.</param>
/// <param name="OwnerConsoleId">The owner tab's console; null for the default console or while pending.</param>
public sealed record CallSummary(string CallId, string State, string? OwnerTabId, string? OwnerConsoleId = null);
