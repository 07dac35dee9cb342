namespace ConsoleContext.Host.Api;

/// <summary>
/// Counts the POST requests being answered, so that at shutdown the decision streams end only after every event
/// that was in flight has been decided, written and answered (their decisions still reach the streams).
/// </summary>
public sealed class InFlightWrites
{
    private readonly object _gate = new();
    private int _count;
    private TaskCompletionSource _none = Completed();

    /// <summary>The number of POST requests that have started and not yet finished.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
                return _count;
        }
    }

    /// <summary>Marks one request as in flight until the returned handle is disposed.</summary>
    public IDisposable Enter()
    {
        lock (_gate)
        {
            if (_count++ == 0)
                _none = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new Exit(this);
    }

    /// <summary>Completes when no POST request is in flight (at once when none is).</summary>
    public Task WhenNoneAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            return _none.Task.WaitAsync(cancellationToken);
    }

    private void Leave()
    {
        lock (_gate)
        {
            if (--_count == 0)
                _none.TrySetResult();
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }

    private sealed class Exit(InFlightWrites owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Leave();
        }
    }
}
