namespace ConsoleContext.Rules;

/// <summary>Phone number comparison for click-to-dial binding, and masking for logs.</summary>
public static class PhoneNumbers
{
    public const int MinimumSuffixDigits = 7;

    public static string Digits(string? number)
    {
        if (string.IsNullOrEmpty(number))
            return string.Empty;
        return string.Create(number.Count(char.IsAsciiDigit), number, static (span, source) =>
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
        var digits = Digits(number);
        return digits.Length <= 2 ? new string('*', digits.Length) : new string('*', digits.Length - 2) + digits[^2..];
    }
}
