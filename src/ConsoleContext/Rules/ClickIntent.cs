using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>A clickToDial remembered so that a call starting soon after can be bound to its tab (R1 rule 2).</summary>
/// <param name="Digits">The dialled number reduced to its digits, extension dropped (<see cref="PhoneNumbers.Digits"/>).</param>
/// <param name="TabIncarnation">The incarnation of the tab when clicked; a re-created or re-opened tab no longer matches.</param>
/// <param name="Console">The console of the tab the click was attributed to.</param>
public sealed record ClickIntent(string Digits, string TabId, long TabIncarnation, DateTimeOffset At, RecordRef? Record, string Console = TabKey.DefaultConsole)
{
    public TabKey Tab => new(Console, TabId);
}
