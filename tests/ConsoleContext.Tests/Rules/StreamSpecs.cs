using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Rules.DecisionAssertions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R8 with streams: each bridge instance (streamId) has its own seq mark; a stream the session does not remember is
/// never stale; the 16 most recently used streams are remembered (R11), the default stream among them; an eventId
/// duplicate is reported before the stale check.
/// </summary>
public class StreamSpecs
{
    private readonly RuleTape _tape = new();

    private static string Tab(string stream, long seq, string tabId) =>
        $$"""{"streamId":"{{stream}}","seq":{{seq}},"type":"tabCreated","tabId":"{{tabId}}"}""";

    private long? Mark(string stream) => _tape.State.SeqMarkOf(stream);

    [Fact]
    public void Streams_each_stream_has_its_own_seq_mark()
    {
        _tape.Feed(Tab("b1", 40, "ctab0")).Is("applied");
        _tape.Feed(Tab("b2", 1, "ctab1")).Is("applied");
        _tape.Feed(Tab("b2", 2, "ctab2")).Is("applied");
        _tape.Feed(Tab("b1", 40, "ctab3")).Is("stale");
        _tape.Feed(Tab("b1", 41, "ctab3")).Is("applied");
        Assert.Equal((41L, 2L), (Mark("b1")!.Value, Mark("b2")!.Value));
        Assert.Equal(["b1", "b2"], _tape.Snapshot.Streams.Select(s => s.StreamId));
    }

    [Fact]
    public void Streams_a_reloaded_bridge_restarting_at_one_is_never_stale_against_its_predecessor()
    {
        _tape.Feed("""{"streamId":"b1","seq":900,"type":"tabCreated","tabId":"ctab0"}""",
            """{"streamId":"b1","seq":901,"type":"callStarted","callId":"c1","callType":"inbound","tabId":"ctab0"}""");
        _tape.Feed("""{"streamId":"b2","seq":1,"type":"callEnded","callId":"c1"}""").Is("applied").Lists(Call("c1", "ended", "ctab0"));
    }

    [Fact]
    public void Streams_the_default_stream_is_a_stream_of_its_own()
    {
        _tape.Feed("""{"seq":10,"type":"tabCreated","tabId":"ctab0"}""").Is("applied");
        _tape.Feed(Tab("b1", 1, "ctab1")).Is("applied");
        _tape.Feed("""{"seq":10,"type":"tabCreated","tabId":"ctab2"}""").Is("stale");
        Assert.Equal([null, "b1"], _tape.Snapshot.Streams.Select(s => s.StreamId));
        Assert.Equal(10, _tape.Snapshot.Streams[0].SeqMark);
    }

    [Fact]
    public void Streams_an_event_without_seq_is_never_stale_and_sets_no_mark()
    {
        _tape.Feed(Tab("b1", 5, "ctab0"));
        _tape.Feed("""{"streamId":"b1","type":"tabCreated","tabId":"ctab1"}""").Is("applied");
        _tape.Feed("""{"streamId":"b9","type":"tabCreated","tabId":"ctab2"}""").Is("applied");
        Assert.Null(Mark("b9"));
        Assert.Equal(5, Mark("b1"));
    }

    [Fact]
    public void Streams_the_marks_are_scoped_to_the_stream_not_the_console()
    {
        _tape.Feed("""{"consoleId":"w-a","streamId":"b1","seq":5,"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"consoleId":"w-b","streamId":"b1","seq":5,"type":"tabCreated","tabId":"ctab0"}""").Is("stale");
        _tape.Feed("""{"consoleId":"w-b","streamId":"b2","seq":5,"type":"tabCreated","tabId":"ctab0"}""").Is("applied");
    }

    [Fact]
    public void Streams_an_event_id_duplicate_is_reported_before_the_stale_check_and_raises_nothing()
    {
        _tape.Feed("""{"eventId":"e1","streamId":"b1","seq":3,"type":"tabCreated","tabId":"ctab0"}""");
        _tape.Feed("""{"eventId":"e2","streamId":"b1","seq":4,"type":"tabCreated","tabId":"ctab1"}""");
        _tape.Feed("""{"eventId":"e1","streamId":"b1","seq":3,"type":"tabCreated","tabId":"ctab0"}""").Is("duplicate");
        _tape.Feed("""{"eventId":"e2","streamId":"b1","seq":99,"type":"tabCreated","tabId":"ctab1"}""").Is("duplicate");
        // Under another stream, the same eventId is still the session's duplicate.
        _tape.Feed("""{"eventId":"e1","streamId":"b2","seq":1,"type":"tabCreated","tabId":"ctab0"}""").Is("duplicate");
        Assert.Equal(4, Mark("b1"));
        Assert.Null(Mark("b2"));
    }

    [Fact]
    public void Streams_ignored_and_replayed_call_events_raise_the_mark_rejected_and_stale_do_not()
    {
        _tape.Feed("""{"streamId":"b1","seq":1,"type":"tabClosed","tabId":"ctab9"}""").Is("ignored", "unknown-tab");
        Assert.Equal(1, Mark("b1"));
        _tape.Feed("""{"streamId":"b1","seq":2,"type":"callStarted","callId":"c1","callType":"inbound"}""");
        _tape.Feed("""{"streamId":"b1","seq":3,"type":"callStarted","callId":"c1","callType":"inbound","replayed":true}""").Is("duplicate", "replayed-call");
        Assert.Equal(3, Mark("b1"));
        _tape.Feed("""{"streamId":"b1","seq":9,"type":"tabClosed"}""").Is("rejected", "invalid-event");
        _tape.Feed("""{"streamId":"b1","seq":2,"type":"tabCreated","tabId":"ctab0"}""").Is("stale");
        Assert.Equal(3, Mark("b1"));
        _tape.Feed("""{"streamId":"b1","seq":4,"type":"tabUpdated","tabId":"ctab0"}""").Is("ignored", "unknown-tab");
    }

    [Fact]
    public void Streams_a_stale_event_of_one_stream_is_decided_even_when_another_stream_is_ahead()
    {
        _tape.Feed(Tab("b1", 100, "ctab0"), Tab("b2", 3, "ctab1"));
        _tape.Feed(Tab("b2", 4, "ctab2")).Is("applied");
        _tape.Feed(Tab("b1", 99, "ctab3")).Is("stale");
    }

    [Fact]
    public void Streams_the_sixteen_most_recently_used_are_remembered_and_the_least_recent_is_forgotten()
    {
        for (var i = 1; i <= 16; i++)
            _tape.Feed(Tab($"b{i}", 10, $"ctab{i}")).Is("applied");
        Assert.Equal(16, _tape.Snapshot.Streams.Count);
        _tape.Feed(Tab("b1", 11, "ctab1_1")).Is("applied");
        _tape.Feed(Tab("b17", 10, "ctab17")).Is("applied");

        Assert.Equal(16, _tape.Snapshot.Streams.Count);
        Assert.Null(Mark("b2"));
        Assert.Equal(11, Mark("b1"));
        // A forgotten stream is a stream the session does not remember: nothing of it is stale.
        _tape.Feed(Tab("b2", 1, "ctab2_1")).Is("applied");
        Assert.Null(Mark("b3"));
    }

    [Fact]
    public void Streams_the_default_stream_counts_among_the_sixteen()
    {
        _tape.Feed("""{"seq":50,"type":"tabCreated","tabId":"ctab0"}""");
        for (var i = 1; i <= 15; i++)
            _tape.Feed(Tab($"b{i}", 1, $"ctab{i}"));
        Assert.Equal(50, _tape.State.SeqMarkOf(string.Empty));
        _tape.Feed(Tab("b16", 1, "ctab16"));
        Assert.Null(_tape.State.SeqMarkOf(string.Empty));
        _tape.Feed("""{"seq":1,"type":"tabCreated","tabId":"ctab99"}""").Is("applied");
    }

    [Fact]
    public void Streams_a_stream_is_used_only_by_an_accepted_event_with_seq()
    {
        for (var i = 1; i <= 16; i++)
            _tape.Feed(Tab($"b{i}", 10, $"ctab{i}"));
        // Neither a stale event nor an event without seq makes b1 recently used.
        _tape.Feed(Tab("b1", 9, "ctab50")).Is("stale");
        _tape.Feed("""{"streamId":"b1","type":"tabCreated","tabId":"ctab51"}""").Is("applied");
        _tape.Feed(Tab("b17", 1, "ctab17"));
        Assert.Null(Mark("b1"));
        Assert.Equal(10, Mark("b2"));
    }

    [Fact]
    public void Streams_the_number_of_remembered_streams_comes_from_the_settings()
    {
        var tape = new RuleTape(OwnershipSettings.Default with { MaxStreams = 2 });
        tape.Feed(Tab("b1", 5, "ctab1"), Tab("b2", 5, "ctab2"), Tab("b3", 5, "ctab3"));
        Assert.Equal(["b2", "b3"], tape.Snapshot.Streams.Select(s => s.StreamId));
        tape.Feed(Tab("b1", 1, "ctab4")).Is("applied");
    }

    [Fact]
    public void Streams_session_ended_keeps_every_stream_mark()
    {
        _tape.Feed(Tab("b1", 7, "ctab0"), Tab("b2", 3, "ctab1"));
        _tape.Feed("""{"streamId":"b1","seq":8,"type":"sessionEnded"}""").Is("applied");
        _tape.Feed(Tab("b2", 3, "ctab0")).Is("stale");
        _tape.Feed(Tab("b1", 8, "ctab0")).Is("stale");
        _tape.Feed(Tab("b1", 9, "ctab0")).Is("applied");
    }
}
