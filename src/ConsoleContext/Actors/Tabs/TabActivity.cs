using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Tabs;

/// <summary>What a tab actor has reacted to: the applied events attributed to it, and the calls it owns after the last one.</summary>
/// <param name="ConsoleId">The tab's console; null for the default console.</param>
public sealed record TabActivity(string SessionId, string TabId, int ReactedCount, Decision? LastDecision, IReadOnlyList<string> OwnedCallIds, string? ConsoleId = null);
