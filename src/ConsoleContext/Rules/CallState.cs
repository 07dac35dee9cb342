using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>One call of a session, active or ended.</summary>
/// <param name="Record">The record the callStarted named (the softphone's own lookup), if any.</param>
/// <param name="RelatedRecords">Records related to the call in the order they became related; unique by recordId.</param>
/// <param name="EverOwned">True once the call has had an owner; a screen pop only binds calls that never had one.</param>
public sealed record CallState(
    string CallId,
    string CallType,
    string State,
    string? OwnerTabId,
    string? PhoneNumber,
    RecordRef? Record,
    string? ParentCallId,
    IReadOnlyList<RecordRef> RelatedRecords,
    bool EverOwned,
    DateTimeOffset StartedAt,
    long StartTick)
{
    public bool IsActive => State != CallStates.Ended;

    public bool IsRelatedTo(string recordId)
    {
        foreach (var related in RelatedRecords)
        {
            if (related.RecordId == recordId)
                return true;
        }
        return false;
    }

    public CallState WithRelated(RecordRef? record)
    {
        if (record is null || IsRelatedTo(record.RecordId))
            return this;
        return this with { RelatedRecords = [.. RelatedRecords, record] };
    }
}
