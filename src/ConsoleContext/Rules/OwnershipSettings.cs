using Akka.Configuration;

namespace ConsoleContext.Rules;

/// <summary>The tunable windows of the rules; defaults are the spec's.</summary>
public sealed record OwnershipSettings(TimeSpan ClickToDialWindow, TimeSpan ScreenPopWindow, int MaxClickIntents)
{
    public static readonly OwnershipSettings Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), 32);

    /// <summary>Reads the <c>console-context</c> section of HOCON.conf; absent keys keep the defaults.</summary>
    public static OwnershipSettings FromConfig(Config? config)
    {
        var section = config?.GetConfig("console-context");
        if (section is null || section.IsEmpty)
            return Default;
        return new OwnershipSettings(
            section.GetTimeSpan("click-to-dial-window", Default.ClickToDialWindow),
            section.GetTimeSpan("screen-pop-window", Default.ScreenPopWindow),
            section.GetInt("max-click-intents", Default.MaxClickIntents));
    }
}
