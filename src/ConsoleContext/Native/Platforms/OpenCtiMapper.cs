using ConsoleContext.Protocol;

namespace ConsoleContext.Native.Platforms;

/// <summary>
/// Lightning Open CTI (<c>opencti.</c>): <c>onNavigationChange</c> and <c>onClickToDial</c> listener payloads
/// {url | number, recordId, recordName, objectType, accountId?, contactId?}, bare or under <c>returnValue</c>.
/// Navigation carries no tab id: the bridge's <c>tabInfo.tabId</c> is used when it read one.
/// </summary>
internal static class OpenCtiMapper
{
    public static bool Map(string name, NativeContext c)
    {
        switch (name)
        {
            case "onNavigationChange":
            {
                var p = c.Unwrapped();
                var url = p.Required("url");
                c.Emit(EventTypes.NavigationChanged).With("url", url).WithRecord(p)
                    .With("tabId", c.TabInfo.OptionalString("tabId"))
                    .With("parentTabId", c.TabInfo.OptionalString("parentTabId"));
                return true;
            }
            case "onClickToDial":
            {
                var p = c.Unwrapped();
                var number = p.RequiredText("number");
                c.Emit(EventTypes.ClickToDial).With("number", number).WithRecord(p)
                    .With("tabId", c.TabInfo.OptionalString("tabId"));
                return true;
            }
            default:
                return false;
        }
    }
}
