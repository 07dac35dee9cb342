using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Persistence;

/// <summary>
/// What the session decided about one accepted event, as journaled in <see cref="EventsDecided"/>: the canonical event
/// (with <c>at</c> set, so a tape export stays replayable), the decision the caller received, and the state changes that
/// made it true. Recovery applies <paramref name="Changes"/> and never decides again.
/// </summary>
public sealed record DecidedFact(ConsoleEvent Event, Decision Decision, IReadOnlyList<SessionChange> Changes);
