namespace ConsoleContext.Protocol;

/// <summary>
/// Salesforce record-id forms (spec §4 Identity): a 15-character case-sensitive id and its 18-character
/// case-insensitive form, whose last 3 characters encode the letter case of the first 15, are one record.
/// </summary>
public static class RecordIds
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>
    /// The normal form: for an 18-character id of ASCII letters and digits whose last 3 characters (upper-cased) all
    /// belong to <c>A-Z0-5</c>, the first 15 characters with each letter's case set by the suffix (bit set: upper case);
    /// any other id is its own normal form.
    /// </summary>
    public static string Normalize(string id)
    {
        if (!IsEighteenCharacterForm(id))
            return id;
        return string.Create(15, id, static (span, source) => FillNormalForm(source, span));
    }

    /// <summary>True when both ids name the same record (equal normal forms). Allocates nothing.</summary>
    public static bool Same(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        // Only an 18-character form can equal a different spelling.
        if (a.Length != 18 && b.Length != 18)
            return false;
        Span<char> bufferA = stackalloc char[15];
        Span<char> bufferB = stackalloc char[15];
        return NormalForm(a, bufferA).SequenceEqual(NormalForm(b, bufferB));
    }

    private static ReadOnlySpan<char> NormalForm(string id, Span<char> buffer)
    {
        if (!IsEighteenCharacterForm(id))
            return id;
        FillNormalForm(id, buffer);
        return buffer;
    }

    /// <summary>Writes the 15-character normal form of an 18-character id into <paramref name="span"/> (15 characters).</summary>
    private static void FillNormalForm(string source, Span<char> span)
    {
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = SuffixAlphabet.IndexOf(char.ToUpperInvariant(source[15 + chunk]));
            for (var i = 0; i < 5; i++)
            {
                var c = source[chunk * 5 + i];
                span[chunk * 5 + i] = char.IsAsciiLetter(c)
                    ? ((bits >> i) & 1) == 1 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)
                    : c;
            }
        }
    }

    private static bool IsEighteenCharacterForm(string id)
    {
        if (id.Length != 18)
            return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
                return false;
        }
        for (var i = 15; i < 18; i++)
        {
            if (SuffixAlphabet.IndexOf(char.ToUpperInvariant(id[i])) < 0)
                return false;
        }
        return true;
    }
}
