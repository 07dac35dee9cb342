using ConsoleContext.Rules;
using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>R11 choice: a call relates a bounded number of records, keeping the first and the latest.</summary>
public class RelatedRecordsBoundSpecs
{
    private readonly RuleTape _tape = new();

    [Fact]
    public void R11_a_call_relates_at_most_32_records_keeping_the_first_and_the_latest()
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","recordId":"003A00000000000","objectType":"Contact"}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        for (var i = 1; i <= 40; i++)
            _tape.Feed($$"""{"type":"navigationChanged","url":"/r/{{i}}","recordId":"500A{{i:00000000000}}","objectType":"Case","tabId":"ctab0"}""").Is("applied");

        var related = _tape.Call("c1").RelatedRecords.Select(r => r.RecordId).ToList();
        Assert.Equal(CallState.MaxRelatedRecords, related.Count);
        Assert.Equal("003A00000000000", related[0]);
        Assert.Equal("500A00000000040", related[^1]);
        Assert.Equal(related.Distinct().Count(), related.Count);
        Assert.Equal(("003A00000000000", "500A00000000040"), (_tape.Call("c1").LogSuggestion.WhoId, _tape.Call("c1").LogSuggestion.WhatId));
    }
}
