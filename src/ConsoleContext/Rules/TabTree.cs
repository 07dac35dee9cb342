namespace ConsoleContext.Rules;

/// <summary>Walks up a console's tab tree, for the state as it is and for the draft of the next state alike.</summary>
internal static class TabTree
{
    /// <summary>Guards every walk up the tree; the rules never build a cycle, this only bounds the walk.</summary>
    public const int MaxDepth = 64;

    /// <summary>The tab that heads the tab's tree (the tab itself when primary); null when the tab is not open.</summary>
    public static TabKey? PrimaryOf(TabKey key, Func<TabKey, TabState?> openTab)
    {
        var current = key;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            var tab = openTab(current);
            if (tab is null)
                return depth == 0 ? null : current;
            if (tab.ParentTabId is null)
                return current;
            current = current with { TabId = tab.ParentTabId };
        }
        return current;
    }

    /// <summary>True when <paramref name="key"/> is <paramref name="ancestor"/> or lies below it (same console).</summary>
    public static bool IsSelfOrDescendant(TabKey key, TabKey ancestor, Func<TabKey, TabState?> openTab)
    {
        if (key.Console != ancestor.Console)
            return false;
        var current = key.TabId;
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (current == ancestor.TabId)
                return true;
            var parent = openTab(key with { TabId = current })?.ParentTabId;
            if (parent is null)
                return false;
            current = parent;
        }
        return false;
    }
}
