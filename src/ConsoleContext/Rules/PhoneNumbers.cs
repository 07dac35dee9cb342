namespace ConsoleContext.Rules;

/// <summary>Phone number comparison for click-to-dial binding (spec §4 Identity), and masking for logs.</summary>
public static class PhoneNumbers
{
    public const int MinimumSuffixDigits = 7;

    /// <summary>
    /// The ASCII digits of <paramref name="number"/> before its extension: the first <c>x</c>, <c>ext</c>, <c>#</c>,
    /// <c>,</c> or <c>;</c> (case-insensitive) and all that follows are dropped. Empty for null or a number with no digit.
    /// </summary>
    public static string Digits(string? number)
    {
        if (string.IsNullOrEmpty(number))
            return string.Empty;
        var cut = number.AsSpan().IndexOfAny("xX#,;");
        var ext = number.IndexOf("ext", StringComparison.OrdinalIgnoreCase);
        if (ext >= 0 && (cut < 0 || ext < cut))
            cut = ext;
        var main = cut < 0 ? number : number[..cut];
        var count = 0;
        foreach (var c in main)
        {
            if (char.IsAsciiDigit(c))
                count++;
        }
        if (count == main.Length)
            return main;
        return string.Create(count, main, static (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiDigit(c))
                    span[i++] = c;
            }
        });
    }

    /// <summary>Equal digits, or one ends with the other and the shorter has at least 7 digits (a country code prefix still matches).</summary>
    public static bool Match(string digitsA, string digitsB)
    {
        if (digitsA.Length == 0 || digitsB.Length == 0)
            return false;
        if (digitsA == digitsB)
            return true;
        var (shorter, longer) = digitsA.Length < digitsB.Length ? (digitsA, digitsB) : (digitsB, digitsA);
        return shorter.Length >= MinimumSuffixDigits && longer.EndsWith(shorter, StringComparison.Ordinal);
    }

    /// <summary>Keeps the last two digits only: logs must never carry a full phone number.</summary>
    public static string Mask(string? number)
    {
        var digits = AllDigits(number);
        return digits.Length <= 2 ? new string('*', digits.Length) : new string('*', digits.Length - 2) + digits[^2..];
    }

    private static string AllDigits(string? number) => number is null ? string.Empty : new string(number.Where(char.IsAsciiDigit).ToArray());
}
