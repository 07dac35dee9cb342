using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using FsCheck.Xunit;
using Xunit;

namespace ConsoleContext.Tests.Properties;

/// <summary>
/// R11, choice 29: keeping older ended calls as tombstones changes no decision. The same generated activity is decided
/// alike with every ended call kept in full and with none (every ended call a tombstone at once), also when R11 forgets
/// ended calls (a small ended-calls limit), and the state keeps only the latest ended calls in full.
/// </summary>
[Properties(MaxTest = 200, Arbitrary = [typeof(ConsoleActivityArbitrary)])]
public class EndedCallTombstoneSpecs
{
    [Property]
    public void Decisions_are_the_same_whether_ended_calls_are_kept_in_full_or_as_tombstones(ConsoleActivity activity)
    {
        foreach (var limit in new[] { 2, 1_000 })
        {
            var inFull = OwnershipSettings.Default with { MaxEndedCalls = limit, EndedCallsInFull = 1_000 };
            var tombstones = inFull with { EndedCallsInFull = 0 };
            var expected = ActivityRun.Play(activity, settings: inFull).Select(o => SpecEvents.Wire(o.Decision));
            var actual = ActivityRun.Play(activity, (_, sessions) =>
            {
                foreach (var state in sessions.Values)
                {
                    Assert.Empty(state.EndedCallIds);
                    Assert.InRange(state.EndedCallCount, 0, limit);
                }
            }, tombstones).Select(o => SpecEvents.Wire(o.Decision));
            Assert.Equal(expected, actual);
        }
    }
}
