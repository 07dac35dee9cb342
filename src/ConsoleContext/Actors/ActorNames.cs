using System.Text;

namespace ConsoleContext.Actors;

/// <summary>
/// Turns any string (a session id, or any other key a child actor is named after) into a valid, unique Akka actor
/// name, so naming a child can never throw whatever the key holds. Akka accepts letters, digits, a few symbols and
/// <c>%</c> followed by two hex digits, and no name may start with <c>$</c>.
/// </summary>
public static class ActorNames
{
    // Kept as is: every character a sessionId may hold (spec §2), so valid ids name their actors readably.
    private static bool IsKept(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '-';

    /// <summary>
    /// <paramref name="key"/> with every other UTF-16 unit written as <c>%HH%HH</c> (its two bytes). The encoding is
    /// one to one: kept characters never include <c>%</c>, and every escape has exactly two groups. The empty key,
    /// which no escape produces, is <c>%00</c> (a single group).
    /// </summary>
    public static string Encode(string key)
    {
        if (key.Length == 0)
            return "%00";
        var needsEscape = false;
        foreach (var c in key)
            needsEscape |= !IsKept(c);
        if (!needsEscape)
            return key;
        var builder = new StringBuilder(key.Length * 3);
        foreach (var c in key)
        {
            if (IsKept(c))
                builder.Append(c);
            else
                builder.Append('%').Append(((int)c >> 8).ToString("X2")).Append('%').Append(((int)c & 0xFF).ToString("X2"));
        }
        return builder.ToString();
    }

    /// <summary>The key <see cref="Encode"/> turned into <paramref name="name"/>.</summary>
    public static string Decode(string name)
    {
        if (name == "%00")
            return "";
        if (!name.Contains('%'))
            return name;
        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '%' && i + 5 < name.Length)
            {
                builder.Append((char)(Convert.ToInt32(name.Substring(i + 1, 2), 16) << 8 | Convert.ToInt32(name.Substring(i + 4, 2), 16)));
                i += 5;
            }
            else
                builder.Append(name[i]);
        }
        return builder.ToString();
    }
}
