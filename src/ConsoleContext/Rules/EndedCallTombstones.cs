using System.Buffers.Binary;

namespace ConsoleContext.Rules;

/// <summary>
/// R11: the ended calls a session still remembers beyond its <c>ended-calls-in-full</c> most recent ones, as 16 bytes each:
/// the callId's 64-bit XxHash64 digest and the end's UTC ticks, earliest ended first. That is all the rules read of an
/// old ended call (R6: it is ended and when; retention and the ended-calls limit), so no string is kept per call.
/// Two callIds share a digest with a probability of about 10^-16 per pair: such a new call would be read as ended.
/// </summary>
public sealed class EndedCallTombstones
{
    private ulong[] _digests = [];
    private long[] _endTicks = [];

    /// <summary>How many tombstones there are.</summary>
    public int Count { get; private set; }

    /// <summary>The callId's digest: XxHash64 of its UTF-8 bytes, as for eventIds.</summary>
    public static ulong Digest(string callId) => EventIdMemory.Digest(callId);

    /// <summary>The digest of the i-th earliest ended call.</summary>
    public ulong DigestAt(int i) => _digests[i];

    /// <summary>The i-th earliest end (UTC).</summary>
    public DateTimeOffset EndedAt(int i) => new(_endTicks[i], TimeSpan.Zero);

    /// <summary>The position of the call's tombstone, earliest ended first; -1 when it has none.</summary>
    public int IndexOf(ulong digest) => Count == 0 ? -1 : _digests.AsSpan(0, Count).IndexOf(digest);

    /// <summary>Adds a tombstone after every one that ended at the same time or earlier.</summary>
    public void Add(ulong digest, DateTimeOffset endedAt)
    {
        var ticks = endedAt.UtcTicks;
        var i = Count;
        while (i > 0 && _endTicks[i - 1] > ticks)
            i--;
        if (Count == _digests.Length)
        {
            // A quarter more, not double: a full session's tombstones are most of what its history adds (R11).
            var size = Count + Math.Max(16, Count / 4);
            Array.Resize(ref _digests, size);
            Array.Resize(ref _endTicks, size);
        }
        Array.Copy(_digests, i, _digests, i + 1, Count - i);
        Array.Copy(_endTicks, i, _endTicks, i + 1, Count - i);
        _digests[i] = digest;
        _endTicks[i] = ticks;
        Count++;
    }

    /// <summary>True when a tombstone ended later than <paramref name="endedAt"/> (a call ending then sorts among the tombstones).</summary>
    public bool AnyEndedAfter(DateTimeOffset endedAt) => Count > 0 && _endTicks[Count - 1] > endedAt.UtcTicks;

    public void RemoveAt(int i)
    {
        Array.Copy(_digests, i + 1, _digests, i, Count - i - 1);
        Array.Copy(_endTicks, i + 1, _endTicks, i, Count - i - 1);
        Count--;
        ShrinkWhenSparse();
    }

    /// <summary>Forgets the <paramref name="count"/> earliest ended.</summary>
    public void RemoveFirst(int count)
    {
        count = Math.Min(count, Count);
        if (count <= 0)
            return;
        Array.Copy(_digests, count, _digests, 0, Count - count);
        Array.Copy(_endTicks, count, _endTicks, 0, Count - count);
        Count -= count;
        ShrinkWhenSparse();
    }

    private void ShrinkWhenSparse()
    {
        if (_digests.Length <= 16 || Count > _digests.Length / 2)
            return;
        var size = Math.Max(16, Count + Count / 4);
        Array.Resize(ref _digests, size);
        Array.Resize(ref _endTicks, size);
    }

    /// <summary>For a snapshot: per tombstone, earliest ended first, the digest then the end's UTC ticks, 8 bytes each, little-endian.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[Count * 16];
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 16), _digests[i]);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 16 + 8), _endTicks[i]);
        }
        return bytes;
    }

    /// <summary>Restores from <see cref="ToBytes"/>; null or empty (a snapshot written before tombstones): none.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of 16 or a tick count is out of range (a damaged snapshot).</exception>
    public static EndedCallTombstones FromBytes(byte[]? bytes)
    {
        var tombstones = new EndedCallTombstones();
        if (bytes is null || bytes.Length == 0)
            return tombstones;
        if (bytes.Length % 16 != 0)
            throw new ArgumentException("stored ended-call tombstones are 16 bytes each", nameof(bytes));
        for (var i = 0; i < bytes.Length; i += 16)
        {
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i + 8));
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
                throw new ArgumentException("a stored ended-call tombstone has an end out of range", nameof(bytes));
            tombstones.Add(BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i)), new DateTimeOffset(ticks, TimeSpan.Zero));
        }
        return tombstones;
    }
}
