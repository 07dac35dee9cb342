namespace ConsoleContext.Protocol;

/// <summary>One call as a decision lists it.</summary>
public sealed record CallSummary(string CallId, string State, string? OwnerTabId);
