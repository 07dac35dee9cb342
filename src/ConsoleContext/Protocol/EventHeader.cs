namespace ConsoleContext.Protocol;

/// <summary>The fields every console event carries (spec §2, common fields).</summary>
/// <param name="EventId">1-128 printable ASCII characters; unique per session; the dedupe key (R7).</param>
/// <param name="SessionId">The agent session: 1-128 characters from <c>A-Z a-z 0-9 . _ : @ -</c>, the whole string (<see cref="Parsing.FieldRules.IsKey"/>).</param>
/// <param name="Seq">Bridge-assigned order, increasing within the event's stream (R8); null when the bridge sent none.</param>
/// <param name="At">Event time from the browser; null means "use arrival time".</param>
/// <param name="ConsoleId">The console window the event's tab fields belong to; null for the session's default console.</param>
/// <param name="StreamId">The bridge instance that numbered <paramref name="Seq"/>; null for the session's default stream.</param>
/// <param name="Part">0 for an event of its own; k (>= 1) for the k-th canonical event after the first that one native line
/// maps to (spec §6, eventId <c>{eventId}#k</c>): it shares the line's position in its stream, so it is never stale
/// against the line's first event (wire field <c>part</c>, a tracker extension of the canonical format).</param>
public sealed record EventHeader(string EventId, string SessionId, long? Seq, DateTimeOffset? At, string? ConsoleId = null, string? StreamId = null, int Part = 0);
