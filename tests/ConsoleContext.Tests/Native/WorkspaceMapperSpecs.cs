using Xunit;
using static ConsoleContext.Tests.Native.Envelopes;

namespace ConsoleContext.Tests.Native;

/// <summary>Workspace API tab events with the tab info the bridge read through getTabInfo.</summary>
public sealed class WorkspaceMapperSpecs
{
    [Fact]
    public void A_created_subtab_takes_parent_record_and_url_from_its_tab_info()
    {
        var mapping = WithMembers("workspace.tabCreated", """
            "payload":{"tabId":"ctab0_1"},
            "tabInfo":{"tabId":"ctab0_1","parentTabId":"ctab0","isSubtab":true,"recordId":"500X","url":"/lightning/r/Case/500X/view","title":"00001026"}
            """);

        Assert.Equal("""{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500X","url":"/lightning/r/Case/500X/view"}""", Single(mapping));
        AllParse(mapping);
    }

    [Fact]
    public void A_primary_tab_reported_with_isSubtab_false_has_no_parent_even_if_its_info_names_one()
    {
        Assert.Equal("""{"type":"tabReplaced","tabId":"ctab0","recordId":"001A"}""",
            Single(Envelope("workspace.tabReplaced", """{"tabId":"ctab0"}""", tabInfo: """{"tabId":"ctab0","parentTabId":"ctab0","isSubtab":false,"recordId":"001A"}""")));
    }

    [Fact]
    public void Focus_keeps_both_ids_and_a_focus_on_a_navigation_item_has_no_current_tab()
    {
        Assert.Equal("""{"type":"tabFocused","currentTabId":"ctab0_1","previousTabId":"ctab0","parentTabId":"ctab0"}""",
            Single(Envelope("workspace.tabFocused", """{"previousTabId":"ctab0","currentTabId":"ctab0_1"}""", tabInfo: """{"parentTabId":"ctab0","isSubtab":true}""")));
        Assert.Equal("""{"type":"tabFocused","previousTabId":"ctab0"}""",
            Single(Envelope("workspace.tabFocused", """{"previousTabId":"ctab0","currentTabId":null}""")));
    }

    [Fact]
    public void Closed_refreshed_and_updated_tabs_keep_their_type_and_an_update_takes_the_title()
    {
        Assert.Equal("""{"type":"tabClosed","tabId":"ctab3"}""", Single(Envelope("workspace.tabClosed", """{"tabId":"ctab3"}""")));
        Assert.Equal("""{"type":"tabRefreshed","tabId":"ctab3"}""", Single(Envelope("workspace.tabRefreshed", """{"tabId":"ctab3"}""")));
        Assert.Equal("""{"type":"tabUpdated","tabId":"ctab3","title":"Case 00001026"}""",
            Single(Envelope("workspace.tabUpdated", """{"tabId":"ctab3"}""", tabInfo: """{"title":"Case 00001026"}""")));
        Assert.Equal("payload.tabId is required for workspace.tabClosed", Error(Envelope("workspace.tabClosed", """{}""")));
        Assert.Equal("payload.tabId must be a string", Error(Envelope("workspace.tabRefreshed", """{"tabId":7}""")));
    }
}
