using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R1 rule 4 prefers the most recently focused tab. Re-creating an open tab leaves the session's focus on it,
/// so it must not lose that rank to a tab the agent left earlier.
/// </summary>
public sealed class RecreatedTabFocusSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly RecordRef Case = new("500Kc00000Case9", "Case", "00001052");

    private readonly OwnershipRules _rules = OwnershipRules.Default;
    private readonly SessionState _state = new("agent-1");
    private int _events;

    [Fact]
    public void A_recreated_focused_tab_is_still_the_most_recently_focused_one()
    {
        Accept(h => new TabCreated(h, "ctab6", null, Case, null));
        Accept(h => new TabCreated(h, "ctab7", null, Case, null));
        Accept(h => new TabFocused(h, "ctab7", null));
        Accept(h => new TabFocused(h, "ctab6", "ctab7"));
        Accept(h => new TabCreated(h, "ctab6", null, Case, null));

        var decision = Accept(h => new CallStarted(h, "call-09", "inbound", null, Case, null, null, false));

        Assert.Equal(Reasons.BoundByRecord, decision.Reason);
        Assert.Equal("ctab6", Assert.Single(decision.Calls).OwnerTabId);
    }

    [Fact]
    public void A_recreated_tab_that_was_never_focused_does_not_outrank_a_focused_one()
    {
        Accept(h => new TabCreated(h, "ctab6", null, Case, null));
        Accept(h => new TabCreated(h, "ctab7", null, Case, null));
        Accept(h => new TabFocused(h, "ctab7", null));
        Accept(h => new TabCreated(h, "ctab6", null, Case, null));

        var decision = Accept(h => new CallStarted(h, "call-09", "inbound", null, Case, null, null, false));

        Assert.Equal("ctab7", Assert.Single(decision.Calls).OwnerTabId);
    }

    private Decision Accept(Func<EventHeader, ConsoleEvent> create)
    {
        var n = ++_events;
        var e = create(new EventHeader($"ev-{n:00}", "agent-1", n, T0.AddSeconds(n)));
        var ruling = _rules.Decide(_state, e, T0.AddSeconds(n));
        Assert.True(ruling.Accepted, $"event {n} ({e.Type}) was not accepted: {ruling.Decision.Outcome}");
        OwnershipRules.Apply(_state, ruling.Changes);
        return ruling.Decision;
    }
}
