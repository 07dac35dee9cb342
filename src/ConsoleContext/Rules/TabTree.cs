namespace ConsoleContext.Rules;

/// <summary>Walks up the tab tree, for the state as it is and for the draft of the next state alike.</summary>
internal static class TabTree
{
    /// <summary>Guards every walk up the tree; the rules never build a cycle, this only bounds the walk.</summary>
    public const int MaxDepth = 64;

    /// <summary>The tab that heads the tab's tree (the tab itself when primary); null when the tab is not open.</summary>
    public static string? PrimaryOf(string tabId, Func<string, TabState?> openTab)
    {
        var current = tabId;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var tab = openTab(current);
            if (tab is null)
                return depth == 0 ? null : current;
            if (tab.ParentTabId is null)
                return current;
            current = tab.ParentTabId;
        }
        return current;
    }

    /// <summary>True when <paramref name="tabId"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public static bool IsSelfOrDescendant(string tabId, string ancestorId, Func<string, TabState?> openTab)
    {
        var current = tabId;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (current == ancestorId)
                return true;
            var parent = openTab(current)?.ParentTabId;
            if (parent is null)
                return false;
            current = parent;
        }
        return false;
    }
}
