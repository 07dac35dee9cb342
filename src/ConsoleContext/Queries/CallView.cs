using ConsoleContext.Protocol;

namespace ConsoleContext.Queries;

/// <summary>Who owns a call (spec §5): its owner tab and console, the owner's primary tab, related records and a call-log suggestion.</summary>
/// <param name="CallType">Canonical call type; null for a call adopted without one.</param>
/// <param name="OwnerConsoleId">The owner's console; null for the default console or while pending.</param>
public sealed record CallView(
    string SessionId,
    string CallId,
    string? CallType,
    string State,
    string? OwnerTabId,
    string? OwnerConsoleId,
    string? OwnerPrimaryTabId,
    string? ParentCallId,
    IReadOnlyList<RecordRef> RelatedRecords,
    LogSuggestion LogSuggestion);
