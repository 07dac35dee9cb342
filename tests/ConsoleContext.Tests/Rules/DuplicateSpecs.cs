using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>R7: an eventId seen before, and a callStarted for a call already active.</summary>
public class DuplicateSpecs
{
    private readonly RuleTape _tape = new();

    private void CallOnCtab0()
    {
        _tape.Feed(
            """{"eventId":"e1","type":"tabCreated","tabId":"ctab0","recordId":"001A"}""",
            """{"eventId":"e2","type":"tabCreated","tabId":"ctab1","recordId":"003B"}""",
            """{"eventId":"e3","type":"tabFocused","currentTabId":"ctab1"}""",
            """{"eventId":"e4","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
    }

    [Fact]
    public void R7_an_event_id_seen_before_is_a_duplicate_and_changes_nothing()
    {
        CallOnCtab0();
        var before = Dump(_tape.State);
        Assert.Empty(_tape.DecideOnly("""{"eventId":"e4","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""").Changes);
        _tape.Feed("""{"eventId":"e4","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""")
            .Is("duplicate").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(before, Dump(_tape.State));
    }

    [Fact]
    public void R7_the_event_id_alone_decides_even_when_the_content_differs()
    {
        CallOnCtab0();
        var before = Dump(_tape.State);
        _tape.Feed("""{"eventId":"e2","type":"tabClosed","tabId":"ctab0"}""").Is("duplicate").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        _tape.Feed("""{"eventId":"e3","type":"sessionEnded"}""").Is("duplicate").OnTab(null).Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(before, Dump(_tape.State));
    }

    [Fact]
    public void R7_a_duplicate_navigation_without_tab_is_reported_where_attribution_would_put_it_now()
    {
        CallOnCtab0();
        _tape.Feed("""{"eventId":"e5","type":"navigationChanged","url":"/r/003C","recordId":"003C"}""").OnTab("ctab1");
        _tape.Feed("""{"eventId":"e6","type":"tabFocused","currentTabId":"ctab0"}""");
        // ctab1 shows 003C now, so a navigation to it is attributed there (spec §4 Attribution 2), duplicate or not.
        _tape.Feed("""{"eventId":"e5","type":"navigationChanged","url":"/r/003C","recordId":"003C"}""").Is("duplicate").OnTab("ctab1");
        _tape.Feed("""{"eventId":"e7","type":"navigationChanged","url":"/r/003D","recordId":"003D"}""").OnTab("ctab0");
        _tape.Feed("""{"eventId":"e7","type":"navigationChanged","url":"/r/003D","recordId":"003D"}""").Is("duplicate").OnTab("ctab0");
        _tape.Feed("""{"eventId":"e5","type":"clickToDial","number":"5550100"}""").Is("duplicate").OnTab("ctab0");
    }

    [Fact]
    public void R7_event_ids_are_scoped_to_their_session()
    {
        CallOnCtab0();
        _tape.Feed("""{"eventId":"e1","sessionId":"agent-2","type":"tabCreated","tabId":"ctab0"}""").Is("applied");
        Assert.Single(_tape.StateOf("agent-2").Tabs);
    }

    [Fact]
    public void R7_a_call_started_again_while_active_is_a_replayed_call_and_never_rebinds()
    {
        CallOnCtab0();
        _tape.Feed("""{"eventId":"e4-replay","type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab1","replayed":true}""")
            .Is("duplicate", "replayed-call").OnTab("ctab1").Lists(Call("c1", "ringing", "ctab0"));
        _tape.Feed("""{"eventId":"e4-other-browser-tab","type":"callStarted","callId":"c1","callType":"inbound","recordId":"003B"}""")
            .Is("duplicate", "replayed-call").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal("ctab0", _tape.Call("c1").OwnerTabId);
        Assert.Equal(["001A"], _tape.Call("c1").RelatedRecords.Select(r => r.RecordId));
    }

    [Fact]
    public void R7_a_replayed_call_does_not_bind_a_pending_call_either()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0"}""", """{"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0","replayed":true}""")
            .Is("duplicate", "replayed-call").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void R7_a_replayed_call_keeps_the_call_state_and_only_records_the_event()
    {
        CallOnCtab0();
        _tape.Feed("""{"type":"callHeld","callId":"c1"}""");
        var replay = """{"eventId":"r1","type":"callStarted","callId":"c1","callType":"inbound","replayed":true,"seq":3}""";
        var changes = _tape.DecideOnly(replay).Changes;
        Assert.IsType<SessionChanges.EventRecorded>(Assert.Single(changes));
        _tape.Feed(replay).Is("duplicate", "replayed-call").Lists(Call("c1", "held", "ctab0"));
        Assert.Equal(3, _tape.State.SeqMark);
        _tape.Feed(replay).Is("duplicate", null).Lists(Call("c1", "held", "ctab0"));
    }
}
