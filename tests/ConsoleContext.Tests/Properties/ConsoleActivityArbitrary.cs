using FsCheck;
using FsCheck.Fluent;

namespace ConsoleContext.Tests.Properties;

/// <summary>The FsCheck generator and shrinker for <see cref="ConsoleActivity"/>.</summary>
public static class ConsoleActivityArbitrary
{
    private static readonly Gen<Act> Acts = Gen.Frequency(
        (12, Gen.Constant(Act.TabCreated)),
        (9, Gen.Constant(Act.TabFocused)),
        (5, Gen.Constant(Act.TabClosed)),
        (4, Gen.Constant(Act.TabReplaced)),
        (2, Gen.Constant(Act.TabRefreshed)),
        (2, Gen.Constant(Act.TabUpdated)),
        (10, Gen.Constant(Act.Navigation)),
        (5, Gen.Constant(Act.ClickToDial)),
        (10, Gen.Constant(Act.CallStarted)),
        (4, Gen.Constant(Act.CallConnected)),
        (2, Gen.Constant(Act.CallHeld)),
        (2, Gen.Constant(Act.CallResumed)),
        (4, Gen.Constant(Act.CallEnded)),
        (4, Gen.Constant(Act.CallClaimed)),
        (1, Gen.Constant(Act.AgentStatus)),
        (1, Gen.Constant(Act.SessionEnded)),
        (5, Gen.Constant(Act.Replay)),
        (3, Gen.Constant(Act.BadLine)));

    // Time mostly moves forward a little (quarter seconds), sometimes far (past the windows), now and then backwards.
    private static readonly Gen<int> QuarterSeconds = Gen.Frequency(
        (12, Gen.Choose(0, 20)),
        (3, Gen.Choose(20, 300)),
        (1, Gen.Choose(-40, -1)));

    private static readonly Gen<Step> Steps =
        from act in Acts
        from session in Gen.Choose(0, 1)
        from dice in Gen.Choose(0, 9999).ArrayOf(8)
        from seconds in QuarterSeconds
        select new Step(act, session, dice[0], dice[1], dice[2], dice[3], dice[4], seconds, dice[5], dice[6], dice[7]);

    public static readonly Gen<ConsoleActivity> Activities = Gen.Sized(size =>
        from sessions in Gen.Frequency((2, Gen.Constant(1)), (1, Gen.Constant(2)))
        from count in Gen.Choose(1, 20 + size)
        from steps in Steps.ArrayOf(count)
        select new ConsoleActivity(sessions, steps));

    public static Arbitrary<ConsoleActivity> ConsoleActivity() => Arb.From(Activities, Shrink);

    /// <summary>Drop halves, then single steps: a smaller tape that still fails is easier to read.</summary>
    private static IEnumerable<ConsoleActivity> Shrink(ConsoleActivity activity)
    {
        var steps = activity.Steps;
        if (steps.Count > 1)
        {
            yield return activity with { Steps = steps.Take(steps.Count / 2).ToArray() };
            yield return activity with { Steps = steps.Skip(steps.Count / 2).ToArray() };
        }
        for (var i = steps.Count - 1; i >= 0; i--)
            yield return activity with { Steps = steps.Where((_, j) => j != i).ToArray() };
        if (activity.Sessions == 2)
            yield return activity with { Sessions = 1 };
    }
}
