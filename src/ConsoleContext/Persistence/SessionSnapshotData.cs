using ConsoleContext.Queries;

namespace ConsoleContext.Persistence;

/// <summary>
/// A session's snapshot since facts are journaled (manifest <c>session-snapshot.v1</c>): everything recovery needs, not
/// only what the rules read. <paramref name="EndedAt"/> is when the session ended (the retention clock's start; null
/// while it has not ended), so a session whose snapshot covers its <c>sessionEnded</c> is still deleted on time;
/// <paramref name="Timelines"/> are the calls' ownership timelines (<see cref="CallTimelines"/>).
/// </summary>
public sealed record SessionSnapshotData(SessionStateData State, DateTimeOffset? EndedAt, IReadOnlyList<CallTimelineData> Timelines) : IPersistedMessage;
