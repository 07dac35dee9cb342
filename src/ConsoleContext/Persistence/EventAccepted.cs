using ConsoleContext.Protocol;

namespace ConsoleContext.Persistence;

/// <summary>
/// The first journal entry format (manifest <c>event-accepted.v1</c>): one accepted event per row. New rows are
/// <see cref="EventsAccepted"/>; this one stays readable because stored manifests never change meaning.
/// </summary>
public sealed record EventAccepted(ConsoleEvent Event) : IPersistedMessage;
