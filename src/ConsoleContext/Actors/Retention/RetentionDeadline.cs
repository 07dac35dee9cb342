namespace ConsoleContext.Actors.Retention;

/// <summary>
/// When an ended session's journal may be deleted. The arithmetic saturates: whatever time a journal holds (a v1
/// journal may hold a sessionEnded in the year 9999) and however long the configured retention, no deadline ever
/// throws, so neither the session nor the ended-sessions registry can be wedged by one.
/// </summary>
public static class RetentionDeadline
{
    /// <summary><paramref name="endedAt"/> + <paramref name="retention"/>, clamped to <see cref="DateTimeOffset.MinValue"/>..<see cref="DateTimeOffset.MaxValue"/>.</summary>
    public static DateTimeOffset Of(DateTimeOffset endedAt, TimeSpan retention)
    {
        var ticks = endedAt.UtcTicks;
        var max = DateTimeOffset.MaxValue.UtcTicks;
        var min = DateTimeOffset.MinValue.UtcTicks;
        if (retention.Ticks > 0 && ticks > max - retention.Ticks)
            return DateTimeOffset.MaxValue;
        if (retention.Ticks < 0 && ticks < min - retention.Ticks)
            return DateTimeOffset.MinValue;
        return new DateTimeOffset(ticks + retention.Ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// The time retention counts from: the sessionEnded's event time, or <paramref name="now"/> when that lies in the
    /// future (a bridge clock running ahead cannot keep a session beyond one retention period from now).
    /// </summary>
    public static DateTimeOffset EndedAt(DateTimeOffset eventTime, DateTimeOffset now) => eventTime <= now ? eventTime : now;
}
