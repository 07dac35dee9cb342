using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>One call of a session, active or ended, in its current life (R6).</summary>
/// <param name="CallType">Canonical call type; null for a call adopted from an event that carried none.</param>
/// <param name="OwnerTabId">The owner tab (in <paramref name="OwnerConsole"/>); null while pending. An ended call keeps the owner it had.</param>
/// <param name="Record">The record the call's start named (the softphone's own lookup), if any.</param>
/// <param name="RelatedRecords">Records related to the call in the order they became related; unique by id and alias.</param>
/// <param name="EverOwned">True once the call has had an owner in this life; a screen pop only binds calls that never had one.</param>
/// <param name="StartedAt">Event time of the start (or of the adopting event).</param>
/// <param name="ConnectedAt">Event time of the first callConnected (the answer), if any: the screen-pop window also counts from it.</param>
/// <param name="EndedAt">Event time of the end; null while active.</param>
/// <param name="OwnerFromScreenPop">True while the current owner is the record-less page a screen pop bound and that page has shown no
/// record since; any other binding or move, or a record shown on the page, clears it (Selection).</param>
/// <param name="OwnerConsole">The owner tab's console key (<see cref="TabKey.DefaultConsole"/> for the default console).</param>
public sealed record CallState(
    string CallId,
    string? CallType,
    string State,
    string? OwnerTabId,
    string? PhoneNumber,
    RecordRef? Record,
    string? ParentCallId,
    IReadOnlyList<RecordRef> RelatedRecords,
    bool EverOwned,
    DateTimeOffset StartedAt,
    long StartTick,
    DateTimeOffset? ConnectedAt = null,
    DateTimeOffset? EndedAt = null,
    bool OwnerFromScreenPop = false,
    string OwnerConsole = TabKey.DefaultConsole)
{
    /// <summary>
    /// R11 (a choice where the spec is silent): a call relates at most this many records. Past it, the second-oldest is
    /// dropped, so the first (the caller's or clicked record) and the latest (the call log's whatId) always stay.
    /// </summary>
    public const int MaxRelatedRecords = 32;

    public bool IsActive => State != CallStates.Ended;

    /// <summary>What the rules know of an ended call kept as a tombstone (R11): its id, that it ended, and when.</summary>
    public static CallState Tombstone(string callId, DateTimeOffset endedAt) =>
        new(callId, null, CallStates.Ended, null, null, null, null, [], EverOwned: true, endedAt, 0, EndedAt: endedAt);

    /// <summary>The owner's key; null while pending.</summary>
    public TabKey? Owner => OwnerTabId is { } tab ? new TabKey(OwnerConsole, tab) : null;

    public bool IsRelatedTo(RecordRef record)
    {
        foreach (var related in RelatedRecords)
        {
            if (related.SameAs(record))
                return true;
        }
        return false;
    }

    /// <summary>Adds <paramref name="record"/> to the related records; one that shares an id or alias with a related record merges into it and keeps its place.</summary>
    public CallState WithRelated(RecordRef? record)
    {
        if (record is null)
            return this;
        for (var i = 0; i < RelatedRecords.Count; i++)
        {
            var related = RelatedRecords[i];
            if (!related.SameAs(record))
                continue;
            // The merged record keeps every id of both (spec §9 Records): a person account shown as its Account
            // (recordId + contactId) brings its Account id to a related Contact, and the other way round.
            var merged = related with
            {
                ObjectType = related.ObjectType ?? record.ObjectType,
                RecordName = related.RecordName ?? record.RecordName,
                AccountId = related.AccountId ?? NewAlias(related, record.AccountId ?? (record.ContactId is null ? null : record.RecordId)),
                ContactId = related.ContactId ?? NewAlias(related, record.ContactId ?? (record.AccountId is null ? null : record.RecordId)),
            };
            if (merged == related)
                return this;
            var list = RelatedRecords.ToArray();
            list[i] = merged;
            return this with { RelatedRecords = list };
        }
        if (RelatedRecords.Count >= MaxRelatedRecords)
            return this with { RelatedRecords = [RelatedRecords[0], .. RelatedRecords.Skip(2), record] };
        return this with { RelatedRecords = [.. RelatedRecords, record] };
    }

    /// <summary>The id when it is not already the related record's own id; null otherwise.</summary>
    private static string? NewAlias(RecordRef related, string? id) =>
        id is null || RecordIds.Same(related.RecordId, id) ? null : id;
}
