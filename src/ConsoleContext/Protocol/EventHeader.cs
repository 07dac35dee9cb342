namespace ConsoleContext.Protocol;

/// <summary>The fields every console event carries (spec §2, common fields).</summary>
/// <param name="Seq">Bridge-assigned order, increasing per session; null when the bridge sent none.</param>
/// <param name="At">Event time from the browser; null means "use arrival time".</param>
public sealed record EventHeader(string EventId, string SessionId, long? Seq, DateTimeOffset? At);
