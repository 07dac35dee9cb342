using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// A snapshot as v1 wrote it (manifest <c>session-state.v1</c>): one console, one stream, every eventId ever seen.
/// Read only, and turned into the v2 shape: its tabs and focus belong to the default console, its seq mark to the
/// default stream, and its eventIds (the newest <c>dedupe-capacity</c> of them) become the dedupe memory.
/// </summary>
public sealed record SessionStateDataV1(
    string SessionId,
    IReadOnlyList<TabState> Tabs,
    IReadOnlyList<CallState> Calls,
    IReadOnlyList<string> ActiveCallIds,
    string? FocusedTabId,
    RecordRef? LastNavigationRecord,
    string? LastNavigationUrl,
    IReadOnlyList<ClickIntent> ClickIntents,
    string? AgentStatus,
    long SeqMark,
    long Clock,
    IReadOnlyList<string> SeenEventIds)
{
    public SessionStateData ToV2(int dedupeCapacity)
    {
        // v1 kept no end time: an ended call counts as ended when it started, so it is forgotten no later than v2 would.
        var calls = Calls.Select(c => c.IsActive || c.EndedAt is not null ? c : c with { EndedAt = c.StartedAt }).ToList();
        var ended = calls.Where(c => !c.IsActive).OrderBy(c => c.EndedAt).Select(c => c.CallId).ToList();
        return new SessionStateData(SessionId, Tabs, FocusedTabId is { } f ? [new ConsoleFocus(TabKey.DefaultConsole, f)] : [],
            calls, ActiveCallIds, ended, LastNavigationRecord, LastNavigationUrl, ClickIntents, AgentStatus,
            SeqMark > 0 ? [new StreamMark("", SeqMark, Clock)] : [], Clock,
            EventIdMemory.FromIds(SeenEventIds, dedupeCapacity).ToBytes());
    }
}
