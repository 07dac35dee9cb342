using System.Net.Http.Headers;
using ConsoleContext.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;

namespace ConsoleContext.Tests.Host;

/// <summary>The real service (TrackerApp, production wiring) on a free loopback port with its own data directory.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string IngestKey = "test-ingest-key";
    public const string QueryKey = "test-query-key";
    public const string AllowedOrigin = "https://bridge.example.com";

    private readonly WebApplication _app;

    private readonly bool _ownsDataDirectory;

    private RunningHost(WebApplication app, string dataDirectory, bool ownsDataDirectory, Uri baseAddress)
    {
        _app = app;
        _ownsDataDirectory = ownsDataDirectory;
        DataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public string DataDirectory { get; }
    public Uri BaseAddress { get; }
    public IServiceProvider Services => _app.Services;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "cc-host-" + Guid.NewGuid().ToString("N"));

    /// <param name="withKeys">False starts with no configured key, so the host generates them.</param>
    /// <param name="dataDirectory">A directory the caller owns (kept after disposal); by default a fresh one that is deleted.</param>
    public static async Task<RunningHost> StartAsync(bool withKeys = true, string? dataDirectory = null, params string[] settings)
    {
        var data = dataDirectory ?? NewDataDirectory();
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Storage:DataDirectory={data}",
            $"--Security:AllowedOrigins:0={AllowedOrigin}",
        };
        if (withKeys)
        {
            args.AddRange([
                $"--Security:ApiKeys:0:Key={IngestKey}", "--Security:ApiKeys:0:Roles:0=ingest",
                $"--Security:ApiKeys:1:Key={QueryKey}", "--Security:ApiKeys:1:Roles:0=query",
            ]);
        }
        args.AddRange(settings.Select(s => "--" + s));
        var app = TrackerApp.Create([.. args]);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start that fails must not leave an actor system or a data directory behind.
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (dataDirectory is null && Directory.Exists(data))
                Directory.Delete(data, recursive: true);
            throw;
        }
        return new RunningHost(app, data, dataDirectory is null, new Uri(app.Urls.First()));
    }

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsDataDirectory && Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
