using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>Spec §5 log suggestion: whoId the first related Contact or Lead, whatId the latest other related record.</summary>
public class LogSuggestionSpecs
{
    private readonly RuleTape _tape = new();

    [Fact]
    public void Log_who_is_the_first_contact_and_what_the_latest_other_record()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"001A","objectType":"Account"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B","objectType":"Contact","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500D","objectType":"Case"}""",
            """{"type":"navigationChanged","url":"/r/003C","recordId":"003C","objectType":"Contact","tabId":"ctab0_1"}""");
        var call = _tape.Call("c1");
        Assert.Equal(["003B", "001A", "500D", "003C"], call.RelatedRecords.Select(r => r.RecordId));
        Assert.Equal(("003B", "500D"), (call.LogSuggestion.WhoId, call.LogSuggestion.WhatId));
    }

    [Theory]
    [InlineData("contact")]
    [InlineData("LEAD")]
    [InlineData("Lead")]
    public void Log_object_types_are_compared_case_insensitively(string objectType)
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"a0X1","objectType":"{{objectType}}"}""");
        Assert.Equal(("a0X1", null), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }

    [Theory]
    [InlineData("003000000000001", "003000000000001", null)]
    [InlineData("00Q000000000001", "00Q000000000001", null)]
    [InlineData("500000000000001", null, "500000000000001")]
    [InlineData("00q000000000001", null, "00q000000000001")]
    public void Log_without_object_type_the_key_prefix_tells_contacts_and_leads(string recordId, string? who, string? what)
    {
        _tape.Feed($$"""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"{{recordId}}"}""");
        Assert.Equal((who, what), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }

    [Fact]
    public void Log_an_object_type_wins_over_the_key_prefix()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","recordId":"003000000000001","objectType":"Case"}""");
        Assert.Equal((null, "003000000000001"), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }

    [Fact]
    public void Log_with_no_related_record_both_are_null()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        Assert.Equal((null, null), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }

    [Fact]
    public void Log_a_click_record_comes_first_so_its_contact_is_the_who()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003A","objectType":"Contact"}""",
            """{"type":"clickToDial","number":"5550100","recordId":"003A","objectType":"Contact","tabId":"ctab0"}""",
            """{"type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"5550100","recordId":"00QB","objectType":"Lead"}""");
        Assert.Equal(("003A", null), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }

    [Fact]
    public void Log_the_call_view_names_the_owner_primary_tab()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0"}""",
            """{"type":"tabCreated","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"500D","objectType":"Case"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0_1","parentCallId":"c0"}""");
        var call = _tape.Call("c1");
        Assert.Equal((RuleTape.Session, "c1", "inbound", "ringing", "ctab0_1", "ctab0", "c0"),
            (call.SessionId, call.CallId, call.CallType, call.State, call.OwnerTabId, call.OwnerPrimaryTabId, call.ParentCallId));
        Assert.Equal((null, "500D"), (call.LogSuggestion.WhoId, call.LogSuggestion.WhatId));
    }
}
