using System.Globalization;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// How far into a session's journal a decision stands: the first <paramref name="Events"/> events of the row
/// <paramref name="SequenceNr"/>, and every row before it, have been decided. An accepted event's decision is at
/// its own place (row, index + 1); a decision the journal does not hold (duplicate, stale, rejected, or nothing
/// changed) is at the place of the latest accepted event before it. Resuming from a position decides again exactly
/// the journaled events after it. Written <c>{SequenceNr}.{Events}</c>.
/// </summary>
public readonly record struct JournalPosition(long SequenceNr, int Events) : IComparable<JournalPosition>
{
    /// <summary>Before everything: resuming from here decides the whole journal.</summary>
    public static readonly JournalPosition Start = new(0, 0);

    /// <summary>After every event of the row <paramref name="sequenceNr"/> (whatever their number).</summary>
    public static JournalPosition AfterRow(long sequenceNr) => new(sequenceNr + 1, 0);

    /// <summary>True for the events of row <paramref name="sequenceNr"/>, at <paramref name="index"/> (0-based), that come after this position.</summary>
    public bool IsBefore(long sequenceNr, int index) => sequenceNr > SequenceNr || (sequenceNr == SequenceNr && index >= Events);

    public int CompareTo(JournalPosition other) =>
        SequenceNr != other.SequenceNr ? SequenceNr.CompareTo(other.SequenceNr) : Events.CompareTo(other.Events);

    public static bool operator <(JournalPosition a, JournalPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(JournalPosition a, JournalPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(JournalPosition a, JournalPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(JournalPosition a, JournalPosition b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{SequenceNr}.{Events}");

    /// <summary>Reads <c>{SequenceNr}.{Events}</c>, both non-negative integers.</summary>
    public static bool TryParse(string? text, out JournalPosition position)
    {
        position = Start;
        var dot = text?.IndexOf('.') ?? -1;
        if (dot < 0
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var sequenceNr)
            || !int.TryParse(text.AsSpan(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var events))
            return false;
        position = new JournalPosition(sequenceNr, events);
        return true;
    }
}
