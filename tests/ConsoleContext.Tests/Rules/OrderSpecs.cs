using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;
using static ConsoleContext.Tests.Rules.RuleTape;

namespace ConsoleContext.Tests.Rules;

/// <summary>R8: seq and the session's seq mark.</summary>
public class OrderSpecs
{
    private readonly RuleTape _tape = new();

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    [InlineData(1)]
    public void R8_an_event_whose_seq_is_not_above_the_mark_is_stale_and_changes_nothing(int seq)
    {
        _tape.Feed(
            """{"type":"tabCreated","tabId":"ctab0","seq":1}""",
            """{"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0","seq":5}""");
        var before = Dump(_tape.State);
        var line = $$"""{"type":"tabClosed","tabId":"ctab0","seq":{{seq}}}""";
        Assert.Empty(_tape.DecideOnly(line).Changes);
        _tape.Feed(line).Is("stale").OnTab("ctab0").Lists(Call("c1", "ringing", "ctab0"));
        Assert.Equal(before, Dump(_tape.State));
    }

    [Fact]
    public void R8_a_stale_navigation_is_reported_on_the_focused_tab()
    {
        _tape.Feed("""{"type":"tabFocused","currentTabId":"ctab0","seq":3}""");
        _tape.Feed("""{"type":"navigationChanged","url":"/r/001A","recordId":"001A","seq":2}""").Is("stale").OnTab("ctab0").Lists();
    }

    [Fact]
    public void R8_seq_may_have_gaps()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","seq":1}""").Is("applied");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab1","seq":50}""").Is("applied");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab2","seq":51}""").Is("applied");
        Assert.Equal(51, _tape.Snapshot.SeqMark);
    }

    [Fact]
    public void R8_events_without_seq_are_never_stale_and_leave_the_mark()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","seq":9}""");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab1"}""").Is("applied");
        Assert.Equal(9, _tape.Snapshot.SeqMark);
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab2","seq":9}""").Is("stale");
    }

    [Fact]
    public void R8_ignored_events_raise_the_mark()
    {
        _tape.Feed("""{"type":"tabClosed","tabId":"ctab9","seq":5}""").Is("ignored", "unknown-tab");
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","seq":4}""").Is("stale");
    }

    [Fact]
    public void R8_replayed_call_duplicates_raise_the_mark()
    {
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","seq":1}""");
        _tape.Feed("""{"type":"callStarted","callId":"c1","callType":"inbound","replayed":true,"seq":8}""").Is("duplicate", "replayed-call");
        _tape.Feed("""{"type":"callConnected","callId":"c1","seq":7}""").Is("stale").Lists(Call("c1", "ringing", null));
    }

    [Fact]
    public void R8_an_event_id_duplicate_never_raises_the_mark()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":5}""");
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":10}""").Is("duplicate");
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":6}""").Is("applied");
    }

    [Fact]
    public void R8_an_event_id_duplicate_is_reported_before_the_stale_check()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":5}""", """{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":6}""");
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":5}""").Is("duplicate");
    }

    [Fact]
    public void R8_stale_events_are_not_remembered_for_dedupe()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":5}""");
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":3}""").Is("stale");
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":6}""").Is("applied");
        Assert.Equal(["ctab0", "ctab1"], _tape.Snapshot.Tabs.Select(t => t.TabId));
    }

    [Fact]
    public void R8_a_rule_rejected_event_neither_raises_the_mark_nor_is_remembered()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":1}""");
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab0","parentTabId":"ctab0","seq":9}""").Is("rejected", "invalid-event");
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":2}""").Is("applied");
        Assert.Equal(2, _tape.Snapshot.SeqMark);
    }

    [Fact]
    public void R8_a_line_rejected_by_the_parser_never_reaches_the_session()
    {
        _tape.Feed("""{"eventId":"e1","type":"tabCreated","tabId":"ctab0","seq":1}""");
        var before = Dump(_tape.State);
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","seq":9}""").Is("rejected", "invalid-event");
        _tape.Feed("""{"eventId":"e3","type":"tabExploded","tabId":"ctab0","seq":10}""").Is("rejected", "unknown-type");
        Assert.Equal(before, Dump(_tape.State));
        _tape.Feed("""{"eventId":"e2","type":"tabCreated","tabId":"ctab1","seq":2}""").Is("applied");
    }

    [Fact]
    public void R8_each_session_has_its_own_mark()
    {
        _tape.Feed("""{"type":"tabCreated","tabId":"ctab0","seq":100}""");
        _tape.Feed("""{"sessionId":"agent-2","type":"tabCreated","tabId":"ctab0","seq":1}""").Is("applied");
        Assert.Equal(1, _tape.StateOf("agent-2").SeqMark);
    }
}
