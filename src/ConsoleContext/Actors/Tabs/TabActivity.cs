using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Tabs;

/// <summary>What a tab actor has reacted to: the applied events attributed to it, and the calls it owns after the last one.</summary>
public sealed record TabActivity(string SessionId, string TabId, int ReactedCount, Decision? LastDecision, IReadOnlyList<string> OwnedCallIds);
