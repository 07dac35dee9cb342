namespace ConsoleContext.Parsing;

/// <summary>
/// Reads an event's <c>at</c> (spec §2, §9 "Text and values"): an ISO-8601 extended-format string
/// <c>YYYY-MM-DDTHH:MM[:SS[.F{1,9}]](Z|±HH:MM)</c> (upper-case T and Z, fraction digits beyond 7 truncated to 100 ns,
/// offsets up to ±23:59, second 60 invalid), or a JSON integer of epoch milliseconds. Either must lie in the years
/// 2000-2099 of UTC, so no arithmetic on an accepted time can overflow.
/// </summary>
public static class EventTimestamp
{
    /// <summary>The earliest accepted instant, 2000-01-01T00:00:00Z (epoch ms 946684800000).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The first instant no longer accepted, 2100-01-01T00:00:00Z (epoch ms 4102444800000).</summary>
    public static readonly DateTimeOffset End = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The error sentence for an <c>at</c> that is neither form.</summary>
    public const string FormatProblem =
        "at must be an ISO-8601 timestamp with an offset (e.g. 2026-11-24T09:15:00Z) or an integer of epoch milliseconds";

    /// <summary>The error sentence for an <c>at</c> outside 2000-2099.</summary>
    public const string RangeProblem = "at must lie in the years 2000-2099 (UTC)";

    private static readonly TimeSpan MaxOffset = new(23, 59, 0);
    // DateTimeOffset holds offsets up to ±14:00 only; a larger (still valid) offset is kept as the UTC instant.
    private static readonly TimeSpan MaxKeptOffset = TimeSpan.FromHours(14);

    /// <summary>Parses an ISO-8601 <c>at</c>; null with <paramref name="problem"/> set when it is not one or out of range.</summary>
    public static DateTimeOffset? ParseIso(string text, out string? problem)
    {
        problem = FormatProblem;
        var s = text.AsSpan();
        // YYYY-MM-DDTHH:MM is 16 characters, the shortest offset 1.
        if (s.Length < 17 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':')
            return null;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute))
            return null;
        var pos = 16;
        var second = 0;
        long fractionTicks = 0;
        if (s[pos] == ':')
        {
            if (s.Length < pos + 3 || !Digits(s.Slice(pos + 1, 2), out second))
                return null;
            pos += 3;
            if (pos < s.Length && s[pos] == '.')
            {
                var start = ++pos;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]))
                    pos++;
                var digits = pos - start;
                if (digits is < 1 or > 9)
                    return null;
                // Beyond 7 digits (100 ns) the fraction is truncated.
                var kept = s.Slice(start, Math.Min(digits, 7));
                Digits(kept, out var fraction);
                fractionTicks = fraction * Pow10(7 - kept.Length);
            }
        }
        if (!Offset(s[pos..], out var offset))
            return null;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return null;

        var localTicks = new DateTime(year, month, day, hour, minute, second).Ticks + fractionTicks;
        var utcTicks = localTicks - offset.Ticks;
        problem = RangeProblem;
        if (utcTicks < Earliest.UtcTicks || utcTicks >= End.UtcTicks)
            return null;
        problem = null;
        var utc = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return offset.Duration() <= MaxKeptOffset ? utc.ToOffset(offset) : utc;
    }

    /// <summary>Reads epoch milliseconds; null with <paramref name="problem"/> set when out of range.</summary>
    public static DateTimeOffset? FromEpochMilliseconds(long milliseconds, out string? problem)
    {
        if (milliseconds < Earliest.ToUnixTimeMilliseconds() || milliseconds >= End.ToUnixTimeMilliseconds())
        {
            problem = RangeProblem;
            return null;
        }
        problem = null;
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    private static bool Offset(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s is "Z")
            return true;
        if (s.Length != 6 || s[0] is not ('+' or '-') || s[3] != ':' || !Digits(s.Slice(1, 2), out var hours) || !Digits(s.Slice(4, 2), out var minutes))
            return false;
        offset = new TimeSpan(hours, minutes, 0);
        if (minutes > 59 || offset > MaxOffset)
            return false;
        if (s[0] == '-')
            offset = -offset;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
                return false;
            value = value * 10 + (c - '0');
        }
        return s.Length > 0;
    }

    private static long Pow10(int n)
    {
        long result = 1;
        for (var i = 0; i < n; i++)
            result *= 10;
        return result;
    }
}
