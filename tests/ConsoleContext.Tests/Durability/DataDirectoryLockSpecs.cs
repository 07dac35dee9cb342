using ConsoleContext.Host.Wiring;
using ConsoleContext.Tests.Host;
using ConsoleContext.Tests.Replay;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// One process per data directory (issue 10, point 6): a second service on the same directory exits 2 within 10 s
/// with one line naming the directory, and a first one killed with -9 leaves no lock behind.
/// </summary>
public sealed class DataDirectoryLockSpecs(ITestOutputHelper output) : IDisposable
{
    private const string IngestKey = "lock-ingest";
    private const string QueryKey = "lock-query";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_exits_2_with_one_line_and_a_killed_one_leaves_no_lock()
    {
        var data = Path.Combine(_dir.Path, "data");
        using (var first = await HostProcess.StartAsync(data, IngestKey, QueryKey))
        {
            var (exit, stderr, ran) = await HostProcess.RunUntilExitAsync(data, TimeSpan.FromSeconds(30));
            output.WriteLine($"second process: exit {exit} after {ran.TotalSeconds:F1} s: {stderr.TrimEnd()}");

            Assert.Equal(2, exit);
            Assert.True(ran < TimeSpan.FromSeconds(10), $"the second process took {ran} to give up");
            Assert.Equal($"{StartupFailure.Prefix}the data directory {data} is in use by another ConsoleContext process", stderr.Split(" (it holds")[0]);
            Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotContain("   at ", stderr);

            Assert.True(await first.WaitReadyAsync(TimeSpan.FromSeconds(30)), "the first process must keep serving");
            first.KillHard();
        }

        using var afterKill = await HostProcess.StartAsync(data, IngestKey, QueryKey);
        Assert.True(await afterKill.WaitReadyAsync(TimeSpan.FromSeconds(30)), "a process started after a kill -9 must get ready: no stale lock");
    }

    [Fact]
    public async Task A_host_in_this_process_holds_the_lock_until_it_is_disposed()
    {
        var data = Path.Combine(_dir.Path, "in-process");
        await using (await RunningHost.StartAsync(dataDirectory: data))
        {
            var refused = Assert.Throws<StartupException>(() => DataDirectoryLock.Acquire(data));
            Assert.Contains(data, refused.Message);
        }

        DataDirectoryLock.Acquire(data).Dispose();
    }
}
