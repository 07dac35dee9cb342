namespace ConsoleContext.Rules;

/// <summary>R8: the highest accepted seq of one bridge instance (stream), and when the stream was last used.</summary>
/// <param name="StreamId">The stream's id; empty for the session's default stream.</param>
/// <param name="Mark">Highest seq of the stream's accepted events.</param>
/// <param name="UsedTick">Session clock tick of the last accepted event with seq; the least recently used stream is forgotten first (R11).</param>
public sealed record StreamMark(string StreamId, long Mark, long UsedTick);
