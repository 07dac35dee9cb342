namespace ConsoleContext.Protocol;

/// <summary>The fields every console event carries (spec §2, common fields).</summary>
/// <param name="EventId">1-128 printable ASCII characters; unique per session; the dedupe key (R7).</param>
/// <param name="SessionId">The agent session: 1-128 characters from <c>A-Z a-z 0-9 . _ : @ -</c>, the whole string (<see cref="Parsing.FieldRules.IsKey"/>).</param>
/// <param name="Seq">Bridge-assigned order, increasing within the event's stream (R8); null when the bridge sent none.</param>
/// <param name="At">Event time from the browser; null means "use arrival time".</param>
/// <param name="ConsoleId">The console window the event's tab fields belong to; null for the session's default console.</param>
/// <param name="StreamId">The bridge instance that numbered <paramref name="Seq"/>; null for the session's default stream.</param>
public sealed record EventHeader(string EventId, string SessionId, long? Seq, DateTimeOffset? At, string? ConsoleId = null, string? StreamId = null);
