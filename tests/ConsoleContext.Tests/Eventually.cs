using System.Diagnostics;

namespace ConsoleContext.Tests;

/// <summary>
/// Waits for a condition outside the actor system (a child process, an HTTP answer, a database row, a log line),
/// where no TestKit probe can listen: the condition is asked again every <c>interval</c> until it holds or the
/// deadline passes. Never a fixed wait: the answer is the condition itself.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds; false when <paramref name="deadline"/> passes first.
    /// An <see cref="HttpRequestException"/> (a node not listening yet, or gone) counts as "not yet".</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan deadline, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                    return true;
            }
            catch (HttpRequestException)
            {
            }
            if (clock.Elapsed >= deadline)
                return false;
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <inheritdoc cref="HoldsAsync(Func{Task{bool}}, TimeSpan, TimeSpan?)"/>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan deadline, TimeSpan? interval = null) =>
        HoldsAsync(() => Task.FromResult(condition()), deadline, interval);
}
