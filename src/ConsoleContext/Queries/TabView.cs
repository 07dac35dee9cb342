using ConsoleContext.Protocol;

namespace ConsoleContext.Queries;

/// <summary>One open tab with its record and its subtabs (the tab tree).</summary>
public sealed record TabView(string TabId, RecordRef? Record, string? Url, string? Title, bool Focused, IReadOnlyList<TabView> Subtabs);
