using ConsoleContext.Protocol;

namespace ConsoleContext.Rules;

/// <summary>One open console tab as the rules see it.</summary>
/// <param name="Console">The tab's console (<see cref="TabKey.DefaultConsole"/> for the default one); its parent is in the same console.</param>
/// <param name="ParentTabId">Null for a primary tab.</param>
/// <param name="Incarnation">Changes each time the tab id is (re-)created, so a click can tell the tab it saw is still the same one.</param>
/// <param name="CreatedTick">Session clock tick of the first creation; a re-creation keeps its place in creation order.</param>
/// <param name="FocusedTick">Session clock tick of the last focus; 0 when never focused.</param>
public sealed record TabState(
    string TabId,
    string? ParentTabId,
    RecordRef? Record,
    string? Url,
    string? Title,
    long Incarnation,
    long CreatedTick,
    long FocusedTick,
    string Console = TabKey.DefaultConsole)
{
    public bool IsPrimary => ParentTabId is null;

    public TabKey Key => new(Console, TabId);

    /// <summary>True when the tab shows <paramref name="record"/> under any of either's ids (spec §4 Identity).</summary>
    public bool Shows(RecordRef record) => Record is { } shown && shown.SameAs(record);
}
