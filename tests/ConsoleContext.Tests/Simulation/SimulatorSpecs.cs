using ConsoleContext.Host.Commands;
using ConsoleContext.Host.Simulation;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Simulation;

/// <summary>The architects' simulator: drives the real actors and finds the tracker keeping every invariant.</summary>
public sealed class SimulatorSpecs
{
    [Fact]
    public async Task A_short_in_memory_run_decides_every_event_and_violates_no_invariant()
    {
        var options = new SimulationOptions(Agents: 20, TabsPerAgent: 4, CallShare: 0.3, Duration: TimeSpan.FromSeconds(2), WarmupSeconds: 0.5);

        var report = await SimulationRunner.RunAsync(options, TextWriter.Null);

        Assert.True(report.Decisions > 0, "no decision was made");
        Assert.Equal(0, report.Unanswered);
        Assert.True(report.Violations == 0, string.Join(Environment.NewLine, report.ViolationSamples));
        Assert.Contains(report.Outcomes.Keys, k => k.EndsWith(Reasons.BoundByScreenPop, StringComparison.Ordinal));
    }

    [Fact]
    public void The_checker_flags_an_active_call_owned_by_a_closed_tab()
    {
        var checker = new InvariantChecker();
        var at = DateTimeOffset.UnixEpoch;
        var created = new ConsoleEvents.TabCreated(new EventHeader("e1", "s", 1, at), "ctab0", null, null, null);
        var closed = new ConsoleEvents.TabClosed(new EventHeader("e2", "s", 2, at), "ctab0");
        var ownedByClosed = new List<CallSummary> { new("c1", CallStates.Connected, "ctab0") };

        Assert.Null(checker.Check(created, new Decision("e1", "s", "tabCreated", null, "ctab0", Outcomes.Applied, null, [])));
        var violation = checker.Check(closed, new Decision("e2", "s", "tabClosed", null, "ctab0", Outcomes.Applied, null, ownedByClosed));

        Assert.NotNull(violation);
        Assert.Contains("closed or unknown", violation);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var stderr = new StringWriter();

        var exit = await SimulateCommand.RunAsync(["--agentz", "3"], TextWriter.Null, stderr);

        Assert.Equal(SimulateCommand.ExitUsage, exit);
        Assert.Contains("unknown option --agentz", stderr.ToString());
    }
}
