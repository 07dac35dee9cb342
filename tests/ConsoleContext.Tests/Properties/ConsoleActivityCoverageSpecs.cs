using ConsoleContext.Protocol;
using FsCheck.Fluent;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Properties;

/// <summary>
/// Keeps the properties honest: generated activity must actually reach the v2 situations they claim to cover (several
/// consoles and streams, a bridge restarting at seq 1, adoption, re-offers later and not later, selection ...), or an
/// invariant over them would hold vacuously. The sample is drawn with a fixed seed, so the spec is deterministic.
/// </summary>
public class ConsoleActivityCoverageSpecs(ITestOutputHelper output)
{
    [Fact]
    public void Generated_activity_reaches_every_v2_situation()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string situation) => seen[situation] = seen.GetValueOrDefault(situation) + 1;

        foreach (var activity in ConsoleActivityArbitrary.Activities.Sample(60, new FsCheck.Rnd(20261129UL), 150))
        {
            ActivityRun.Play(activity, (outcome, _) =>
            {
                if (outcome is not { Event: { } e, Before: { } before })
                    return;
                var d = outcome.Decision;
                if (e.Header.ConsoleId is not null && d.Outcome == Outcomes.Applied)
                    Count("applied in a named console");
                if (d.Calls.Any(c => c.OwnerConsoleId is not null))
                    Count("call owned in a named console");
                if (e.Header.StreamId is not null && e.Header.Seq == 1 && d.Outcome != Outcomes.Stale)
                    Count("a new stream starting at seq 1");
                if (e.Header.StreamId is { } stream && d.Outcome == Outcomes.Stale && before.SeqMarkOf(stream) is not null)
                    Count("stale in a named stream");
                if (e is ConsoleEvents.CallStateChanged { EventType: not EventTypes.CallEnded } s && !before.Calls.ContainsKey(s.CallId) && outcome.Changes.Count > 0)
                    Count(s.Start?.TabId is null ? "adoption" : "adoption naming a tab");
                if (e is ConsoleEvents.CallStarted started && before.Calls.TryGetValue(started.CallId, out var old) && !old.IsActive && outcome.Changes.Count > 0)
                    Count(d.Outcome == Outcomes.Applied ? "new life" : started.Replayed ? "replayed re-offer ignored" : "not-later re-offer ignored");
                if (d.Reason is { } reason && reason.StartsWith("bound-by-", StringComparison.Ordinal))
                    Count(reason);
                if (e is ConsoleEvents.TabCreated { Record: { AccountId: not null } or { ContactId: not null } })
                    Count("person account with an alias");
                if (e is ConsoleEvents.TabCreated { Record.RecordId.Length: 18 })
                    Count("18-character record id");
            });
        }

        output.WriteLine(string.Join(Environment.NewLine, seen.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        string[] expected =
        [
            "applied in a named console", "call owned in a named console", "a new stream starting at seq 1", "stale in a named stream",
            "adoption", "adoption naming a tab", "new life", "replayed re-offer ignored", "not-later re-offer ignored",
            "bound-by-tab", "bound-by-click-to-dial", "bound-by-parent-call", "bound-by-record", "bound-by-screen-pop", "bound-by-claim",
            "person account with an alias", "18-character record id",
        ];
        Assert.All(expected, situation => Assert.True(seen.GetValueOrDefault(situation) > 0, $"no generated activity reached: {situation}"));
    }
}
