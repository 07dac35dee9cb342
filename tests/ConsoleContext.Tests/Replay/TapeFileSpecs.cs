using System.Text;
using ConsoleContext.Replay;
using Xunit;

namespace ConsoleContext.Tests.Replay;

/// <summary>Reading a tape's lines as bytes, so that a line that is not valid UTF-8 can be told apart (spec §9: it is not JSON).</summary>
public sealed class TapeFileSpecs
{
    internal static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Lines_split_on_lf_and_crlf_after_an_optional_byte_order_mark()
    {
        var lines = TapeFile.Split([0xEF, 0xBB, 0xBF, .. Utf8("a\r\n\nb é\nc\r")]);
        Assert.Equal(["a", "", "b é", "c"], lines);
        Assert.Empty(TapeFile.Split([]));
        Assert.Equal(["x", ""], TapeFile.Split(Utf8("x\n\n")));
    }

    [Fact]
    public void Invalid_bytes_become_lone_surrogates_that_valid_utf8_never_gives()
    {
        var line = TapeFile.Split([.. Utf8("a"), 0xFF, 0xC3, .. Utf8("b\u00e9")]).Single();
        Assert.Equal("a\udcff\udcc3b\u00e9", line);
    }
}
