using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>Reads like the decision lines of a tape: outcome and reason, tab, calls.</summary>
public static class DecisionAssertions
{
    public static Decision Is(this Decision decision, string outcome, string? reason = null)
    {
        Assert.True(outcome == decision.Outcome && reason == decision.Reason,
            $"expected {outcome}/{reason ?? "null"} but got {DecisionJson.Serialize(decision)}");
        return decision;
    }

    public static Decision OnTab(this Decision decision, string? tabId)
    {
        Assert.Equal(tabId, decision.TabId);
        return decision;
    }

    public static Decision Lists(this Decision decision, params CallSummary[] calls)
    {
        Assert.Equal(calls, decision.Calls);
        return decision;
    }

    public static CallSummary Call(string callId, string state, string? ownerTabId) => new(callId, state, ownerTabId);

    /// <summary>A call owned by a tab of the console <paramref name="ownerConsoleId"/> (null: the default console).</summary>
    public static CallSummary Call(string callId, string state, string? ownerTabId, string? ownerConsoleId) =>
        new(callId, state, ownerTabId, ownerConsoleId);

    public static Decision InConsole(this Decision decision, string? consoleId)
    {
        Assert.Equal(consoleId, decision.ConsoleId);
        return decision;
    }
}
