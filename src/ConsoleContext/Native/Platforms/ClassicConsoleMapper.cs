using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>
/// The Classic Service Cloud console toolkit (<c>console.</c>): focus listeners {id, objectId} and the
/// OPEN_TAB / CLOSE_TAB console events (CLOSE_TAB spells its record <c>objectId</c> or <c>objectID</c>; only the tab id is used).
/// </summary>
internal static class ClassicConsoleMapper
{
    public static bool Map(string name, NativeContext c)
    {
        var p = c.Payload;
        switch (name)
        {
            case "onFocusedPrimaryTab":
                c.Emit(EventTypes.TabFocused).With("currentTabId", p.Required("id"));
                return true;
            case "onFocusedSubtab":
            {
                var id = p.Required("id");
                c.Emit(EventTypes.TabFocused).With("currentTabId", id).With("parentTabId", c.TabInfo.OptionalString("parentTabId"));
                return true;
            }
            case "OPEN_TAB":
            {
                var id = p.Required("id");
                c.Emit(EventTypes.TabCreated).With("tabId", id)
                    .With("parentTabId", c.TabInfo.OptionalString("parentTabId"))
                    .With("recordId", p.OptionalString("objectId") ?? c.TabInfo.OptionalString("recordId"))
                    .With("url", c.TabInfo.OptionalString("url"));
                return true;
            }
            case "CLOSE_TAB":
                c.Emit(EventTypes.TabClosed).With("tabId", p.Required("id"));
                return true;
            default:
                return false;
        }
    }
}
