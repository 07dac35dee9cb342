using System.Buffers;
using System.Text;

namespace ConsoleContext.Replay;

/// <summary>
/// Reads a tape's lines (JSONL, UTF-8, <c>\n</c> or <c>\r\n</c>, an optional byte-order mark) without hiding bad
/// bytes: a line that is not valid UTF-8 keeps each invalid byte as a lone surrogate (U+DC80-U+DCFF), which valid
/// UTF-8 never decodes to, so the parser rejects that line as not JSON instead of reading U+FFFD into a field.
/// </summary>
public static class TapeFile
{
    /// <summary>The lines of the tape at <paramref name="path"/>; IO errors are thrown as by <see cref="File.ReadAllBytes"/>.</summary>
    public static IReadOnlyList<string> ReadLines(string path) => Split(File.ReadAllBytes(path));

    /// <summary>The lines of a tape's content.</summary>
    public static IReadOnlyList<string> Split(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
            content = content[3..];
        var lines = new List<string>();
        while (!content.IsEmpty)
        {
            var end = content.IndexOf((byte)'\n');
            var line = end < 0 ? content : content[..end];
            if (line.EndsWith("\r"u8))
                line = line[..^1];
            lines.Add(Decode(line));
            content = end < 0 ? [] : content[(end + 1)..];
        }
        return lines;
    }

    private static string Decode(ReadOnlySpan<byte> line)
    {
        if (System.Text.Unicode.Utf8.IsValid(line))
            return Encoding.UTF8.GetString(line);
        var builder = new StringBuilder(line.Length);
        while (!line.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(line, out var rune, out var consumed) == OperationStatus.Done)
                builder.Append(rune.ToString());
            else
            {
                foreach (var b in line[..consumed])
                    builder.Append((char)(0xDC00 + b));
            }
            line = line[consumed..];
        }
        return builder.ToString();
    }
}
