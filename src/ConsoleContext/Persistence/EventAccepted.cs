using ConsoleContext.Protocol;

namespace ConsoleContext.Persistence;

/// <summary>
/// The journal entry: one event the session accepted, with <c>at</c> always set (arrival time when the
/// bridge sent none), so recovery and an exported tape decide exactly as the live session did.
/// </summary>
public sealed record EventAccepted(ConsoleEvent Event) : IPersistedMessage
{
    public static EventAccepted Of(ConsoleEvent e, DateTimeOffset arrivedAt) =>
        new(e.Header.At is null ? WithAt(e, arrivedAt) : e);

    private static ConsoleEvent WithAt(ConsoleEvent e, DateTimeOffset at) => e with { Header = e.Header with { At = at } };
}
