using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>One open console tab as the rules see it.</summary>
/// <param name="ParentTabId">Null for a primary tab.</param>
/// <param name="Incarnation">Changes each time the tab id is (re-)created, so a click can tell the tab it saw is still the same one.</param>
/// <param name="CreatedTick">Session clock tick of the (re-)creation; orders "most recently created".</param>
/// <param name="FocusedTick">Session clock tick of the last focus; 0 when never focused.</param>
public sealed record TabState(
    string TabId,
    string? ParentTabId,
    RecordRef? Record,
    string? Url,
    string? Title,
    long Incarnation,
    long CreatedTick,
    long FocusedTick)
{
    public bool IsPrimary => ParentTabId is null;
}
