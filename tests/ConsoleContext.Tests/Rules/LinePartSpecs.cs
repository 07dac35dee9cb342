using ConsoleContext.Parsing;
using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>Spec §6: the canonical events one native line maps to share the line's one position in its stream.</summary>
public class LinePartSpecs
{
    private readonly RuleTape _tape = new();

    [Fact]
    public void R8_a_later_part_of_a_line_at_its_mark_is_decided_and_below_it_is_stale()
    {
        _tape.Feed("""{"eventId":"a","type":"tabCreated","tabId":"t0","streamId":"b1","seq":5}""").Is("applied");
        _tape.Feed("""{"eventId":"a#1","type":"tabCreated","tabId":"t1","streamId":"b1","seq":5,"part":1}""").Is("applied");
        _tape.Feed("""{"eventId":"a#2","type":"tabCreated","tabId":"t2","streamId":"b1","seq":5,"part":2}""").Is("applied");
        // An event of its own at the mark is stale, a part below the mark too.
        _tape.Feed("""{"eventId":"b","type":"tabCreated","tabId":"t3","streamId":"b1","seq":5}""").Is("stale");
        _tape.Feed("""{"eventId":"c","type":"tabCreated","tabId":"t4","streamId":"b1","seq":6}""").Is("applied");
        _tape.Feed("""{"eventId":"a#3","type":"tabCreated","tabId":"t5","streamId":"b1","seq":5,"part":3}""").Is("stale");
        Assert.Equal(6, _tape.State.SeqMarkOf("b1"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1000")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    public void R10_part_is_an_integer_from_1_to_999(string part)
    {
        var rejection = ConsoleEventParser.Parse($$"""{"eventId":"a","sessionId":"s","type":"sessionEnded","part":{{part}}}""").Rejection;
        Assert.NotNull(rejection);
        Assert.Equal("part must be an integer from 1 to 999", rejection.Error);
    }
}
