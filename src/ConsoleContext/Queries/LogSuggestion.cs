using ConsoleContext.Protocol;

namespace ConsoleContext.Queries;

/// <summary>
/// How an adapter would fill the call log (spec §5): <c>whoId</c> the first related Contact or Lead, <c>whatId</c> the
/// latest other related record. A person account (a record with <c>contactId</c>/<c>accountId</c> aliases) counts as
/// its Contact for whoId and its Account for whatId.
/// </summary>
public sealed record LogSuggestion(string? WhoId, string? WhatId)
{
    // Salesforce key prefixes, for records the console reported without an objectType.
    private const string ContactPrefix = "003";
    private const string LeadPrefix = "00Q";

    public static LogSuggestion From(IReadOnlyList<RecordRef> related)
    {
        string? who = null, what = null;
        foreach (var record in related)
        {
            var isWho = IsWho(record);
            var personContact = record.ContactId ?? (isWho ? record.RecordId : null);
            if (personContact is not null)
                who ??= personContact;
            var other = record.AccountId
                ?? (isWho || (record.ContactId is { } c && RecordIds.Same(c, record.RecordId)) ? null : record.RecordId);
            if (other is not null)
                what = other;
        }
        return new LogSuggestion(who, what);
    }

    private static bool IsWho(RecordRef record) => record.ObjectType is { } type
        ? type.Equals("Contact", StringComparison.OrdinalIgnoreCase) || type.Equals("Lead", StringComparison.OrdinalIgnoreCase)
        : record.RecordId.StartsWith(ContactPrefix, StringComparison.Ordinal) || record.RecordId.StartsWith(LeadPrefix, StringComparison.Ordinal);
}
