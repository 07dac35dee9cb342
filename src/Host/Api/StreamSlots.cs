namespace ConsoleContext.Host.Api;

/// <summary>Counts the decision streams each API key has open, to hold every key to <c>Limits:StreamsPerKey</c>.</summary>
public sealed class StreamSlots
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>A slot for one more stream of <paramref name="key"/> (released on dispose), or null when it has <paramref name="limit"/> open.</summary>
    public IDisposable? TryTake(string key, int limit)
    {
        lock (_lock)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= limit)
                return null;
            _open[key] = open + 1;
        }
        return new Slot(this, key);
    }

    private void Release(string key)
    {
        lock (_lock)
        {
            if (--_open[key] == 0)
                _open.Remove(key);
        }
    }

    private sealed class Slot(StreamSlots slots, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                slots.Release(key);
        }
    }
}
