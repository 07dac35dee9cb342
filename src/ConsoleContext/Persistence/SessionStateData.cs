using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// A session's whole state as a snapshot (manifest <c>session-state.v2</c>): everything Decide reads, the dedupe
/// memory (as 8-byte digests and runs) and the streams' seq marks included. Bounded by R11, so it does not grow with history.
/// </summary>
/// <param name="Calls">The calls kept in full: active ones and the ended ones of <paramref name="EndedCallIds"/> (a snapshot
/// written before tombstones holds every remembered ended call here; recovery demotes the earliest).</param>
/// <param name="SeenEventDigests">The dedupe memory's digests, oldest first, 8 bytes each, little-endian.</param>
/// <param name="SeenEventRuns">The dedupe memory's runs of <c>{prefix}-{n}</c> ids, oldest first, each after the digests
/// inserted before it (<see cref="EventIdRun.DigestsBefore"/>); absent in a snapshot written before runs.</param>
/// <param name="EndedCallTombstones">Ended calls remembered beyond those in full, earliest ended first, 16 bytes each
/// (<see cref="Rules.EndedCallTombstones.ToBytes"/>); absent when none, and in a snapshot written before tombstones.</param>
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
    byte[] SeenEventDigests,
    IReadOnlyList<EventIdRun>? SeenEventRuns = null,
    byte[]? EndedCallTombstones = null) : IPersistedMessage;

/// <summary>One console's focused tab in a snapshot.</summary>
public sealed record ConsoleFocus(string Console, string TabId);
