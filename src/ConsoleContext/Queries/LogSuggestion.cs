using ConsoleContext.Protocol;

namespace ConsoleContext.Queries;

/// <summary>How an adapter would fill the call log: whoId the first related Contact or Lead, whatId the latest other record.</summary>
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
            if (IsWho(record))
                who ??= record.RecordId;
            else
                what = record.RecordId;
        }
        return new LogSuggestion(who, what);
    }

    private static bool IsWho(RecordRef record) => record.ObjectType is { } type
        ? type.Equals("Contact", StringComparison.OrdinalIgnoreCase) || type.Equals("Lead", StringComparison.OrdinalIgnoreCase)
        : record.RecordId.StartsWith(ContactPrefix, StringComparison.Ordinal) || record.RecordId.StartsWith(LeadPrefix, StringComparison.Ordinal);
}
