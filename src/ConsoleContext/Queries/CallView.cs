using ConsoleContext.Protocol;

namespace ConsoleContext.Queries;

/// <summary>Who owns a call (spec §5): its owner tab, the owner's primary tab, related records and a call-log suggestion.</summary>
public sealed record CallView(
    string SessionId,
    string CallId,
    string CallType,
    string State,
    string? OwnerTabId,
    string? OwnerPrimaryTabId,
    string? ParentCallId,
    IReadOnlyList<RecordRef> RelatedRecords,
    LogSuggestion LogSuggestion);
