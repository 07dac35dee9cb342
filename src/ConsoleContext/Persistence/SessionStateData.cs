using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// A session's whole state as a snapshot (manifest <c>session-state.v2</c>): everything Decide reads, the dedupe
/// memory (as 8-byte digests) and the streams' seq marks included. Bounded by R11, so it does not grow with history.
/// </summary>
public sealed record SessionStateData(
    string SessionId,
    IReadOnlyList<TabState> Tabs,
    IReadOnlyList<ConsoleFocus> Focus,
    IReadOnlyList<CallState> Calls,
    IReadOnlyList<string> ActiveCallIds,
    IReadOnlyList<string> EndedCallIds,
    RecordRef? LastNavigationRecord,
    string? LastNavigationUrl,
    IReadOnlyList<ClickIntent> ClickIntents,
    string? AgentStatus,
    IReadOnlyList<StreamMark> Streams,
    long Clock,
    byte[] SeenEventDigests) : IPersistedMessage;

/// <summary>One console's focused tab in a snapshot.</summary>
public sealed record ConsoleFocus(string Console, string TabId);
