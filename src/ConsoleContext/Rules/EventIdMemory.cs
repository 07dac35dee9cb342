using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace ConsoleContext.Rules;

/// <summary>
/// R7/R11: the eventIds of a session's last <c>dedupe-capacity</c> remembered events, first in, first out (a
/// duplicate does not refresh its id). Ids of the form <c>{prefix}-{n}</c> (the bridge's <c>{streamId}-{seq}</c>, the
/// simulator's <c>{sessionId}-{seq}</c>) that follow one another are kept as runs <c>(prefix digest, from, to)</c>: a
/// stream whose events arrive in order costs one run however many it sent. Every other id, and an id that does not
/// extend the latest run, is kept as a 64-bit XxHash64 digest (8 bytes whatever its length); two different ids share a
/// digest with a probability of about 10^-15 per event at the default capacity (docs/ownership.md, choices).
/// </summary>
/// <remarks>
/// The ids are one FIFO in insertion order: digests and runs interleave as <c>D* R1 D* R2 ... D*</c>, each run counting
/// the digests inserted just before it (<see cref="EventIdRun.DigestsBefore"/>), so forgetting the oldest id is O(1).
/// A lookup is a hash lookup of the digest plus a binary search among the runs of the id's prefix: O(log runs).
/// </remarks>
public sealed class EventIdMemory
{
    private readonly HashSet<ulong> _set = [];
    private ulong[] _ring;
    private int _start;
    private int _digests;
    private readonly Queue<Run> _runs = new();
    // The runs of each prefix digest, ordered by From; a prefix's runs never overlap (an id is only added when absent).
    private readonly Dictionary<ulong, List<Run>> _runsByPrefix = [];
    private int _trailing; // digests after the newest run (all of them when there is no run)
    private Run? _newestRun;
    // The latest id when it is of run form and was kept as the ring's last digest: the next id in its run turns it into a run.
    private (ulong Prefix, long N, ulong Digest)? _lastSingle;

    /// <param name="capacity">How many ids are remembered at most (>= 1).</param>
    public EventIdMemory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        // One slot more than the capacity: an id is added before the oldest is evicted.
        _ring = new ulong[Math.Min(capacity + 1, 16)];
    }

    public int Capacity { get; }

    /// <summary>How many ids are remembered.</summary>
    public int Count { get; private set; }

    /// <summary>How many runs hold ids (each at least two).</summary>
    public int RunCount => _runs.Count;

    public static ulong Digest(string eventId) => Digest(eventId.AsSpan());

    private static ulong Digest(ReadOnlySpan<char> text)
    {
        Span<byte> buffer = stackalloc byte[512];
        var bytes = text.Length * 3 <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text.ToArray());
        return XxHash64.HashToUInt64(bytes);
    }

    /// <summary>
    /// Splits <c>{prefix}-{n}</c>: a non-empty prefix, then after the last '-' a canonical decimal (digits only, no sign, no
    /// leading zero unless it is "0") that fits in a long. False for every other form.
    /// </summary>
    public static bool TryParseRunForm(string eventId, out ulong prefixDigest, out long n)
    {
        prefixDigest = 0;
        n = 0;
        var dash = eventId.LastIndexOf('-');
        if (dash <= 0 || dash == eventId.Length - 1)
            return false;
        var digits = eventId.AsSpan(dash + 1);
        if (digits.Length > 19 || (digits[0] == '0' && digits.Length > 1))
            return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
                return false;
        }
        if (!long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n))
            return false;
        prefixDigest = Digest(eventId.AsSpan(0, dash));
        return true;
    }

    public bool Contains(string eventId)
    {
        if (Count == 0)
            return false;
        if (_runs.Count > 0 && TryParseRunForm(eventId, out var prefix, out var n) && InRun(prefix, n))
            return true;
        // A run-form id can also be a digest: a single one, or one a snapshot written before runs stored.
        return _digests > 0 && _set.Contains(Digest(eventId));
    }

    /// <summary>Remembers <paramref name="eventId"/>, forgetting the oldest id when full. An id already remembered keeps its place.</summary>
    public void Add(string eventId)
    {
        if (Contains(eventId))
            return;
        if (!TryParseRunForm(eventId, out var prefix, out var n))
        {
            AddDigest(Digest(eventId));
            _lastSingle = null;
            return;
        }
        if (_trailing == 0 && _newestRun is { } last && last.Prefix == prefix && last.To < long.MaxValue && last.To + 1 == n)
        {
            last.To = n;
            Count++;
            EvictOverCapacity();
            return;
        }
        if (_lastSingle is { } single && single.Prefix == prefix && single.N < long.MaxValue && single.N + 1 == n
            && _trailing > 0 && _ring[(_start + _digests - 1) % _ring.Length] == single.Digest)
        {
            // The latest id was {prefix}-{n-1}, kept as the newest digest: together they become a run.
            _set.Remove(single.Digest);
            _digests--;
            _trailing--;
            Count--;
            AddRun(new Run(prefix, single.N, n, _trailing));
            _lastSingle = null;
            Count += 2;
            EvictOverCapacity();
            return;
        }
        var digest = Digest(eventId);
        AddDigest(digest);
        _lastSingle = (prefix, n, digest);
    }

    private bool InRun(ulong prefix, long n) => _runsByPrefix.TryGetValue(prefix, out var runs) && IndexOfRunHolding(runs, n) >= 0;

    /// <summary>Binary search among one prefix's runs (ordered by From, never overlapping).</summary>
    private static int IndexOfRunHolding(List<Run> runs, long n)
    {
        int lo = 0, hi = runs.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var run = runs[mid];
            if (n < run.From)
                hi = mid - 1;
            else if (n > run.To)
                lo = mid + 1;
            else
                return mid;
        }
        return -1;
    }

    private void AddRun(Run run)
    {
        _runs.Enqueue(run);
        _newestRun = run;
        _trailing = 0;
        if (!_runsByPrefix.TryGetValue(run.Prefix, out var list))
            _runsByPrefix[run.Prefix] = list = [];
        var i = list.Count;
        while (i > 0 && list[i - 1].From > run.From)
            i--;
        list.Insert(i, run);
    }

    private void AddDigest(ulong digest)
    {
        if (!_set.Add(digest))
            return;
        if (_digests == _ring.Length)
            Grow();
        _ring[(_start + _digests) % _ring.Length] = digest;
        _digests++;
        _trailing++;
        Count++;
        EvictOverCapacity();
    }

    private void EvictOverCapacity()
    {
        while (Count > Capacity)
        {
            var excess = Count - Capacity;
            if (!_runs.TryPeek(out var oldest))
            {
                // No run: every digest trails.
                EvictOldestDigests(excess);
                _trailing -= excess;
                continue;
            }
            if (oldest.DigestsBefore > 0)
            {
                var digests = Math.Min(excess, oldest.DigestsBefore);
                oldest.DigestsBefore -= digests;
                EvictOldestDigests(digests);
                continue;
            }
            // A run grows only at its end, so its first ids are its oldest.
            var length = oldest.To - oldest.From + 1;
            if (length > excess)
            {
                oldest.From += excess;
                Count -= excess;
                continue;
            }
            Count -= (int)length;
            _runs.Dequeue();
            var list = _runsByPrefix[oldest.Prefix];
            var at = IndexOfRunHolding(list, oldest.From);
            if (at >= 0 && ReferenceEquals(list[at], oldest))
                list.RemoveAt(at);
            else
                list.Remove(oldest);
            if (list.Count == 0)
                _runsByPrefix.Remove(oldest.Prefix);
            if (ReferenceEquals(_newestRun, oldest))
                _newestRun = null;
        }
    }

    private void EvictOldestDigests(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _set.Remove(_ring[_start]);
            _start = (_start + 1) % _ring.Length;
        }
        _digests -= count;
        Count -= count;
    }

    private void Grow()
    {
        var bigger = new ulong[Math.Min(Capacity + 1, _ring.Length * 2)];
        for (var i = 0; i < _digests; i++)
            bigger[i] = _ring[(_start + i) % _ring.Length];
        _ring = bigger;
        _start = 0;
    }

    /// <summary>The digests oldest first, 8 bytes each (little-endian), for a snapshot.</summary>
    public byte[] ToBytes()
    {
        var digests = new ulong[_digests];
        for (var i = 0; i < _digests; i++)
            digests[i] = _ring[(_start + i) % _ring.Length];
        var bytes = MemoryMarshal.AsBytes(digests.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("snapshots assume a little-endian machine");
        return bytes;
    }

    /// <summary>The runs oldest first, for a snapshot; empty when every id is a digest.</summary>
    public IReadOnlyList<EventIdRun> Runs() => [.. _runs.Select(r => new EventIdRun(r.Prefix, r.From, r.To, r.DigestsBefore))];

    /// <summary>
    /// Restores from <see cref="ToBytes"/> and <see cref="Runs"/> (none in a snapshot written before runs); when
    /// <paramref name="capacity"/> is smaller than what was stored, the newest are kept.
    /// </summary>
    /// <exception cref="ArgumentException">The runs do not fit the digests (a damaged snapshot).</exception>
    public static EventIdMemory FromBytes(byte[] bytes, int capacity, IReadOnlyList<EventIdRun>? runs = null)
    {
        var memory = new EventIdMemory(capacity);
        var digests = MemoryMarshal.Cast<byte, ulong>(bytes);
        var next = 0;
        foreach (var run in runs ?? [])
        {
            if (run.DigestsBefore < 0 || run.From < 0 || run.From > run.To || run.DigestsBefore > digests.Length - next)
                throw new ArgumentException("the stored eventId runs do not fit the stored digests", nameof(runs));
            foreach (var digest in digests.Slice(next, run.DigestsBefore))
                memory.AddDigest(digest);
            next += run.DigestsBefore;
            var from = run.To - run.From >= capacity ? run.To - capacity + 1 : run.From;
            memory.AddRun(new Run(run.Prefix, from, run.To, memory._trailing));
            memory.Count += (int)(run.To - from + 1);
            memory.EvictOverCapacity();
        }
        foreach (var digest in digests[next..])
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

    private sealed class Run(ulong prefix, long from, long to, int digestsBefore)
    {
        public ulong Prefix { get; } = prefix;
        public long From { get; set; } = from;
        public long To { get; set; } = to;
        public int DigestsBefore { get; set; } = digestsBefore;
    }
}

/// <summary>
/// A run of remembered eventIds in a snapshot: <c>{prefix}-{From}</c> to <c>{prefix}-{To}</c>, inserted one after the
/// other, after <paramref name="DigestsBefore"/> digests that followed the previous run.
/// </summary>
/// <param name="Prefix">XxHash64 of the prefix's UTF-8 bytes.</param>
public sealed record EventIdRun(ulong Prefix, long From, long To, int DigestsBefore);
