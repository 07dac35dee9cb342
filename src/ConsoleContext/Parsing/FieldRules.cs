using System.Text;

namespace ConsoleContext.Parsing;

/// <summary>
/// The value rules of spec §2 that ids and texts must pass, wherever they come from: an event field, a URL route id
/// or anything else that becomes a key. The parser and the HTTP routes use these same checks, so an id that can be
/// posted can be looked up, and one that cannot be posted is refused everywhere.
/// </summary>
public static class FieldRules
{
    /// <summary>Longest eventId, sessionId, consoleId and streamId, in characters.</summary>
    public const int MaxKeyLength = 128;

    /// <summary>Longest identifier field (tabId, callId, recordId, ...), in characters.</summary>
    public const int MaxIdentifierLength = 256;

    /// <summary>Longest text field (url, recordName, title, number, ...), in Unicode code points.</summary>
    public const int MaxTextLength = 2048;

    /// <summary>
    /// sessionId, consoleId and streamId: 1-128 characters from <c>A-Z a-z 0-9 . _ : @ -</c>, the whole string (no
    /// trailing newline, unlike a regular expression ending in <c>$</c>).
    /// </summary>
    public static bool IsKey(string value)
    {
        if (value.Length is 0 or > MaxKeyLength)
            return false;
        foreach (var c in value)
        {
            if (!IsKeyChar(c))
                return false;
        }
        return true;
    }

    /// <summary>The error sentence for a field that breaks <see cref="IsKey"/>.</summary>
    public static string KeyProblem(string field) => $"{field} must be 1-{MaxKeyLength} characters from A-Z, a-z, 0-9 and . _ : @ -";

    /// <summary>eventId: 1-128 printable ASCII characters (U+0020-U+007E).</summary>
    public static bool IsEventId(string value) => value.Length is > 0 and <= MaxKeyLength && IsPrintableAscii(value);

    /// <summary>The error sentence for an eventId that breaks <see cref="IsEventId"/>.</summary>
    public const string EventIdProblem = "eventId must be 1-128 printable ASCII characters";

    /// <summary>Identifier fields (tabId, callId, recordId, ...): 1-256 printable ASCII characters (U+0020-U+007E).</summary>
    public static bool IsIdentifier(string value) => value.Length is > 0 and <= MaxIdentifierLength && IsPrintableAscii(value);

    /// <summary>The error sentence for a field that breaks <see cref="IsIdentifier"/>.</summary>
    public static string IdentifierProblem(string field) => $"{field} must be 1-{MaxIdentifierLength} printable ASCII characters";

    /// <summary>
    /// Text fields: at most 2,048 Unicode code points of valid text (no lone surrogate; control characters pass).
    /// </summary>
    public static bool IsText(string value)
    {
        // Fast path: even counted as UTF-16 units the text is short enough, so only validity matters.
        if (value.Length > MaxTextLength * 2)
            return false;
        var codePoints = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
            }
            else if (char.IsLowSurrogate(c))
                return false;
            if (++codePoints > MaxTextLength)
                return false;
        }
        return true;
    }

    /// <summary>The error sentence for a field that breaks <see cref="IsText"/>.</summary>
    public static string TextProblem(string field) => $"{field} must be valid Unicode text of at most {MaxTextLength} characters";

    /// <summary>
    /// <paramref name="value"/> with every lone surrogate replaced by U+FFFD, so that any string can be written as JSON
    /// (an echo in a rejected decision, or a value quoted in an error).
    /// </summary>
    public static string Printable(string value)
    {
        if (IsValidUnicode(value))
            return value;
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
            builder.Append(rune.ToString());
        return builder.ToString();
    }

    /// <summary>True when <paramref name="value"/> holds no lone surrogate (any length; see <see cref="IsText"/> for the limit).</summary>
    public static bool IsValidUnicode(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return false;
        }
        return true;
    }

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '-';

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
                return false;
        }
        return true;
    }
}
