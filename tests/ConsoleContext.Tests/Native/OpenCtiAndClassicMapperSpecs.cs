using Xunit;
using static ConsoleContext.Tests.Native.Envelopes;

namespace ConsoleContext.Tests.Native;

/// <summary>Lightning Open CTI, Classic Open CTI, the Classic console toolkit and Classic CTI payloads as documented, quirks included.</summary>
public sealed class OpenCtiAndClassicMapperSpecs
{
    [Fact]
    public void A_lightning_navigation_becomes_navigationChanged_with_the_person_account_ids_and_the_tab_the_bridge_read()
    {
        var mapping = WithMembers("opencti.onNavigationChange", """
            "payload":{"url":"https://x.lightning.force.com/lightning/r/Account/001P/view","recordId":"001P","recordName":"Ada Lovelace",
                       "objectType":"Account","accountId":"001P","contactId":"003P","personAccount":true},
            "tabInfo":{"tabId":"ctab2","parentTabId":"ctab1"}
            """);

        Assert.Equal("""{"type":"navigationChanged","url":"https://x.lightning.force.com/lightning/r/Account/001P/view","recordId":"001P","accountId":"001P","contactId":"003P","objectType":"Account","recordName":"Ada Lovelace","tabId":"ctab2","parentTabId":"ctab1"}""",
            Single(mapping));
        AllParse(mapping);
    }

    [Fact]
    public void A_payload_wrapped_in_returnValue_maps_like_the_bare_one_and_errors_name_the_wrapped_field()
    {
        var bare = Envelope("opencti.onNavigationChange", """{"url":"/r/Case/500X/view","recordId":"500X","objectType":"Case"}""");
        var wrapped = Envelope("opencti.onNavigationChange", """{"returnValue":{"url":"/r/Case/500X/view","recordId":"500X","objectType":"Case"}}""");

        Assert.Equal(Single(bare), Single(wrapped));
        Assert.Equal("payload.returnValue.url is required for opencti.onNavigationChange",
            Error(Envelope("opencti.onNavigationChange", """{"returnValue":{"recordId":"500X"}}""")));
    }

    [Fact]
    public void A_click_to_dial_number_given_as_a_json_number_is_sent_as_its_digits()
    {
        var mapping = Envelope("opencti.onClickToDial", """{"number":4155550142,"recordId":"003B","recordName":"Ada","objectType":"Contact"}""");

        Assert.Equal("""{"type":"clickToDial","number":"4155550142","recordId":"003B","objectType":"Contact","recordName":"Ada"}""", Single(mapping));
        AllParse(mapping);
        Assert.Equal("payload.number is required for opencti.onClickToDial", Error(Envelope("opencti.onClickToDial", """{"recordId":"003B"}""")));
        Assert.Equal("payload.number must be a string or a non-negative integer",
            Error(Envelope("opencti.onClickToDial", """{"number":41.5}""")));
    }

    [Fact]
    public void A_classic_onFocus_maps_objectId_object_and_objectName_also_when_given_as_a_result_string()
    {
        const string expected = """{"type":"navigationChanged","url":"/001A","recordId":"001A","objectType":"Account","recordName":"Acme"}""";
        var bare = Envelope("classic.onFocus", """{"url":"/001A","objectId":"001A","objectName":"Acme","object":"Account","displayName":"Account"}""");
        var result = Envelope("classic.onFocus",
            """{"result":"{\"url\":\"/001A\",\"objectId\":\"001A\",\"objectName\":\"Acme\",\"object\":\"Account\",\"displayName\":\"Account\"}"}""");

        Assert.Equal(expected, Single(bare));
        Assert.Equal(expected, Single(result));
        AllParse(result);
        Assert.Equal("payload.result must be a JSON object or a string holding one", Error(Envelope("classic.onFocus", """{"result":"not json"}""")));
    }

    [Fact]
    public void A_classic_object_update_refreshes_the_enclosing_tab_and_needs_its_id()
    {
        var mapping = Envelope("classic.onObjectUpdate", """{"fieldsUpdated":true,"relatedListsUpdated":false,"feedUpdated":false}""", tabInfo: """{"tabId":"scc-pt-2"}""");

        Assert.Equal("""{"type":"tabRefreshed","tabId":"scc-pt-2"}""", Single(mapping));
        Assert.Equal("tabInfo.tabId is required for classic.onObjectUpdate", Error(Envelope("classic.onObjectUpdate", """{"fieldsUpdated":true}""")));
    }

    [Fact]
    public void Classic_console_focus_open_and_close_map_to_tab_events_and_CLOSE_TAB_accepts_objectID()
    {
        Assert.Equal("""{"type":"tabFocused","currentTabId":"scc-pt-0"}""",
            Single(Envelope("console.onFocusedPrimaryTab", """{"id":"scc-pt-0","objectId":"001A"}""")));
        Assert.Equal("""{"type":"tabFocused","currentTabId":"scc-st-3","parentTabId":"scc-pt-0"}""",
            Single(Envelope("console.onFocusedSubtab", """{"id":"scc-st-3","objectId":"500X"}""", tabInfo: """{"parentTabId":"scc-pt-0"}""")));
        Assert.Equal("""{"type":"tabCreated","tabId":"scc-st-3","parentTabId":"scc-pt-0","recordId":"500X","url":"/500X"}""",
            Single(Envelope("console.OPEN_TAB", """{"id":"scc-st-3","objectId":"500X"}""", tabInfo: """{"parentTabId":"scc-pt-0","url":"/500X"}""")));
        Assert.Equal("""{"type":"tabClosed","tabId":"scc-st-3"}""",
            Single(Envelope("console.CLOSE_TAB", """{"id":"scc-st-3","objectID":"500X","tabObjectId":"500X"}""")));
        Assert.Equal("payload.id is required for console.CLOSE_TAB", Error(Envelope("console.CLOSE_TAB", """{"objectId":"500X"}""")));
    }

    [Fact]
    public void Classic_cti_calls_start_inbound_unless_typed_and_end_with_their_disposition()
    {
        var begin = Envelope("cti.onCallBegin", """{"id":"ccall-1"}""");
        Assert.Equal("""{"type":"callStarted","callId":"ccall-1","callType":"inbound"}""", Single(begin));
        AllParse(begin);
        Assert.Equal("""{"type":"callStarted","callId":"ccall-2","callType":"outbound"}""",
            Single(Envelope("cti.onCallBegin", """{"id":"ccall-2","callType":"outbound"}""")));
        Assert.Equal("""{"type":"callEnded","callId":"ccall-1","disposition":"Resolved"}""",
            Single(Envelope("cti.onCallEnd", """{"id":"ccall-1","duration":93,"disposition":"Resolved"}""")));
    }
}
