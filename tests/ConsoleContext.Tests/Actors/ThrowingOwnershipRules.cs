using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Tests.Actors;

/// <summary>The real rules, except that deciding one chosen eventId throws, as a bug in a rule would.</summary>
internal sealed class ThrowingOwnershipRules(string faultyEventId) : OwnershipRules(OwnershipSettings.Default)
{
    public override Ruling Decide(SessionState state, ConsoleEvent e, DateTimeOffset arrivedAt) =>
        e.EventId == faultyEventId
            ? throw new InvalidOperationException($"injected fault deciding {e.EventId}")
            : base.Decide(state, e, arrivedAt);
}
