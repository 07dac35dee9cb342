using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>
/// Classic Open CTI (<c>classic.</c>): <c>onFocus</c> {url, objectId, objectName, object, displayName}, bare or as
/// <c>{result: "&lt;JSON&gt;"}</c>; and Case Feed's <c>onObjectUpdate</c>, which names no record or tab of its own.
/// </summary>
internal static class ClassicOpenCtiMapper
{
    public static bool Map(string name, NativeContext c)
    {
        switch (name)
        {
            case "onFocus":
            {
                var p = c.Unwrapped();
                var url = p.Required("url");
                c.Emit(EventTypes.NavigationChanged).With("url", url)
                    .With("recordId", p.OptionalString("objectId"))
                    .With("objectType", p.OptionalString("object"))
                    .With("recordName", p.OptionalString("objectName"))
                    .With("tabId", c.TabInfo.OptionalString("tabId"))
                    .With("parentTabId", c.TabInfo.OptionalString("parentTabId"));
                return true;
            }
            case "onObjectUpdate":
            {
                // The record of the enclosing tab was updated: its context is read again.
                var tabId = c.TabInfo.Required("tabId");
                c.Emit(EventTypes.TabRefreshed).With("tabId", tabId);
                return true;
            }
            default:
                return false;
        }
    }
}
