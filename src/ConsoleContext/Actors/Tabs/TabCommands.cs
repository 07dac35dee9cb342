using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Tabs;

/// <summary>What a tab actor is told: only ever events already decided as applying to it.</summary>
public static class TabCommands
{
    public sealed record React(ConsoleEvent Event, Decision Decision);

    public sealed record GetActivity;
}
