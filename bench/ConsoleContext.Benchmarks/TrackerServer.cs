using ConsoleContext.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace ConsoleContext.Benchmarks;

/// <summary>The service as production builds it (<see cref="TrackerApp"/>: auth, rate limiter lifted, SQLite journal, answer after the write) on a loopback port and a fresh data directory.</summary>
public sealed class TrackerServer : IDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    public TrackerServer()
    {
        _dataDirectory = Path.Combine(Path.GetTempPath(), "cc-bench-http-" + Guid.NewGuid().ToString("N"));
        _app = TrackerApp.Create([
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={_dataDirectory}",
            $"--Security:ApiKeys:0:Key={HttpLoad.IngestKey}", "--Security:ApiKeys:0:Roles:0=ingest",
            "--Limits:PermitsPerSecond=100000000", "--Limits:Burst=100000000",
            // The first iteration recovers every session from SQLite; the default 5 s would time it out.
            "--Limits:AskTimeout=00:02:00",
        ]);
        _app.StartAsync().GetAwaiter().GetResult();
    }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address => _app.Urls.First();

    public void Dispose()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
