using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace ConsoleContext.Rules;

/// <summary>
/// R7/R11: the eventIds of a session's last <c>dedupe-capacity</c> remembered events, first in, first out (a
/// duplicate does not refresh its id). Ids are kept as 64-bit XxHash64 digests, so memory and snapshots cost 8 bytes
/// per id whatever the ids' length; two different ids share a digest with a probability of about 10^-15 per event at
/// the default capacity (docs/ownership.md, choices).
/// </summary>
public sealed class EventIdMemory
{
    private readonly HashSet<ulong> _set;
    private ulong[] _ring;
    private int _start;
    private int _count;

    /// <param name="capacity">How many ids are remembered at most (>= 1).</param>
    public EventIdMemory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _ring = new ulong[Math.Min(capacity, 16)];
        _set = [];
    }

    public int Capacity { get; }

    public int Count => _count;

    public static ulong Digest(string eventId)
    {
        Span<byte> buffer = stackalloc byte[512];
        var bytes = eventId.Length * 3 <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(eventId, buffer)] : Encoding.UTF8.GetBytes(eventId);
        return XxHash64.HashToUInt64(bytes);
    }

    public bool Contains(string eventId) => _count > 0 && _set.Contains(Digest(eventId));

    /// <summary>Remembers <paramref name="eventId"/>, forgetting the oldest id when full. An id already remembered keeps its place.</summary>
    public void Add(string eventId) => AddDigest(Digest(eventId));

    private void AddDigest(ulong digest)
    {
        if (!_set.Add(digest))
            return;
        if (_count == Capacity)
        {
            _set.Remove(_ring[_start]);
            _ring[_start] = digest;
            _start = (_start + 1) % _ring.Length;
            return;
        }
        if (_count == _ring.Length)
            Grow();
        _ring[(_start + _count) % _ring.Length] = digest;
        _count++;
    }

    private void Grow()
    {
        var bigger = new ulong[Math.Min(Capacity, _ring.Length * 2)];
        for (var i = 0; i < _count; i++)
            bigger[i] = _ring[(_start + i) % _ring.Length];
        _ring = bigger;
        _start = 0;
    }

    /// <summary>The digests oldest first, 8 bytes each (little-endian), for a snapshot.</summary>
    public byte[] ToBytes()
    {
        var digests = new ulong[_count];
        for (var i = 0; i < _count; i++)
            digests[i] = _ring[(_start + i) % _ring.Length];
        var bytes = MemoryMarshal.AsBytes(digests.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("snapshots assume a little-endian machine");
        return bytes;
    }

    /// <summary>Restores from <see cref="ToBytes"/>; when <paramref name="capacity"/> is smaller than what was stored, the newest are kept.</summary>
    public static EventIdMemory FromBytes(byte[] bytes, int capacity)
    {
        var memory = new EventIdMemory(capacity);
        foreach (var digest in MemoryMarshal.Cast<byte, ulong>(bytes))
            memory.AddDigest(digest);
        return memory;
    }

    /// <summary>Restores from plain ids (a v1 snapshot), oldest first.</summary>
    public static EventIdMemory FromIds(IEnumerable<string> eventIds, int capacity)
    {
        var memory = new EventIdMemory(capacity);
        foreach (var id in eventIds)
            memory.Add(id);
        return memory;
    }
}
