using System.Collections.Frozen;
using ConsoleContext.Protocol;

namespace ConsoleContext.Parsing;

/// <summary>
/// The field names of spec §2: the common fields and each type's own. A name that differs from one of them only by
/// letter case (<c>recordID</c>, <c>TabId</c>) is a bridge bug the parser reports, naming both spellings.
/// </summary>
public static class EventFields
{
    /// <summary>Fields every event may carry.</summary>
    public static readonly IReadOnlyList<string> Common = ["eventId", "sessionId", "type", "consoleId", "streamId", "seq", "at", "part"];

    private static readonly string[] RecordFields = ["recordId", "accountId", "contactId", "objectType", "recordName"];
    private static readonly string[] StartFields = ["callType", "phoneNumber", "recordId", "objectType", "recordName", "tabId", "parentCallId", "replayed"];

    private static readonly FrozenDictionary<string, string[]> ByType = new Dictionary<string, string[]>
    {
        [EventTypes.TabCreated] = ["tabId", "parentTabId", .. RecordFields, "url"],
        [EventTypes.TabFocused] = ["currentTabId", "previousTabId", "parentTabId"],
        [EventTypes.TabClosed] = ["tabId"],
        [EventTypes.TabReplaced] = ["tabId", "parentTabId", .. RecordFields, "url"],
        [EventTypes.TabRefreshed] = ["tabId"],
        [EventTypes.TabUpdated] = ["tabId", "title"],
        [EventTypes.NavigationChanged] = ["url", .. RecordFields, "tabId", "parentTabId"],
        [EventTypes.ClickToDial] = ["number", .. RecordFields, "tabId"],
        [EventTypes.CallStarted] = ["callId", .. StartFields],
        [EventTypes.CallConnected] = ["callId", .. StartFields],
        [EventTypes.CallHeld] = ["callId", .. StartFields],
        [EventTypes.CallResumed] = ["callId", .. StartFields],
        [EventTypes.CallEnded] = ["callId", "disposition"],
        [EventTypes.CallClaimed] = ["callId", "tabId"],
        [EventTypes.AgentStatusChanged] = ["status"],
        [EventTypes.SessionEnded] = [],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Every field name of any type, looked up ignoring case: a name that is none of these can be no case variant.
    private static readonly FrozenDictionary<string, string> AnyFieldIgnoringCase =
        Common.Concat(ByType.Values.SelectMany(f => f)).Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(f => f, f => f, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> AnyFieldIgnoringCaseBySpan =
        AnyFieldIgnoringCase.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The longest field name of spec §2, in characters.</summary>
    public static readonly int MaxNameLength = AnyFieldIgnoringCase.Keys.Max(f => f.Length);

    /// <summary>True when <paramref name="type"/> is one of the event types of spec §2 (case-sensitive).</summary>
    public static bool IsKnownType(string type) => ByType.ContainsKey(type);

    /// <summary>
    /// The field of spec §2 (common, or of <paramref name="type"/> when it is a known type) that <paramref name="name"/>
    /// spells with other letter case; null when <paramref name="name"/> is exactly a field name or no field's variant.
    /// </summary>
    public static string? CaseVariantOf(ReadOnlySpan<char> name, string? type)
    {
        if (!AnyFieldIgnoringCaseBySpan.TryGetValue(name, out var field) || name.SequenceEqual(field))
            return null;
        return Common.Contains(field) || (type is not null && ByType.TryGetValue(type, out var fields) && fields.Contains(field)) ? field : null;
    }
}
