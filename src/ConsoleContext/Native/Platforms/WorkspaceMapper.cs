using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>
/// Lightning Workspace API tab events (<c>workspace.</c>): {tabId} or {previousTabId, currentTabId}, enriched by the
/// bridge with <c>tabInfo</c> (getTabInfo: tabId, parentTabId, isSubtab, recordId, url, title).
/// </summary>
internal static class WorkspaceMapper
{
    public static bool Map(string name, NativeContext c)
    {
        var p = c.Payload;
        var info = c.TabInfo;
        switch (name)
        {
            case "tabCreated" or "tabReplaced":
            {
                var tabId = p.Required("tabId");
                c.Emit(name == "tabCreated" ? EventTypes.TabCreated : EventTypes.TabReplaced).With("tabId", tabId)
                    .With("parentTabId", ParentOf(info))
                    .With("recordId", info.OptionalString("recordId"))
                    .With("url", info.OptionalString("url"));
                return true;
            }
            case "tabFocused":
                // No currentTabId: a navigation item (home, a list view) got the focus.
                c.Emit(EventTypes.TabFocused)
                    .With("currentTabId", p.OptionalString("currentTabId"))
                    .With("previousTabId", p.OptionalString("previousTabId"))
                    .With("parentTabId", ParentOf(info));
                return true;
            case "tabClosed" or "tabRefreshed":
            {
                var tabId = p.Required("tabId");
                c.Emit(name == "tabClosed" ? EventTypes.TabClosed : EventTypes.TabRefreshed).With("tabId", tabId);
                return true;
            }
            case "tabUpdated":
            {
                var tabId = p.Required("tabId");
                c.Emit(EventTypes.TabUpdated).With("tabId", tabId).With("title", info.OptionalString("title"));
                return true;
            }
            default:
                return false;
        }
    }

    // getTabInfo reports a primary tab with isSubtab false; its parentTabId (null or itself) means nothing then.
    private static string? ParentOf(NativeObject info) =>
        info.Flag("isSubtab") == false ? null : info.OptionalString("parentTabId");
}
