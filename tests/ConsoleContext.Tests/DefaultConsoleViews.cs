using ConsoleContext.Queries;
using ConsoleContext.Rules;

namespace ConsoleContext.Tests;

/// <summary>The default console's and default stream's part of a snapshot or state, which most single-console specs read.</summary>
internal static class DefaultConsoleViews
{
    extension(SessionSnapshot snapshot)
    {
        public IReadOnlyList<TabView> Tabs => snapshot.Consoles.FirstOrDefault(c => c.ConsoleId is null)?.Tabs ?? [];
        public string? FocusedTabId => snapshot.Consoles.FirstOrDefault(c => c.ConsoleId is null)?.FocusedTabId;
        public long SeqMark => snapshot.Streams.FirstOrDefault(s => s.StreamId is null)?.SeqMark ?? 0;
    }

    extension(SessionState state)
    {
        public long SeqMark => state.SeqMarkOf(string.Empty) ?? 0;
        /// <summary>The default console's open tabs by tab id.</summary>
        public IReadOnlyDictionary<string, TabState> DefaultTabs =>
            state.Tabs.Where(t => t.Key.Console.Length == 0).ToDictionary(t => t.Key.TabId, t => t.Value, StringComparer.Ordinal);
    }
}
