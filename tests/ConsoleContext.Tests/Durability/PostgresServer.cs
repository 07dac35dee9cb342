using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// A PostgreSQL server of its own for one spec class: Debian's binaries (scripts/test.sh installs the <c>postgresql</c>
/// package when they are missing), a fresh data directory, a free port on 127.0.0.1, trust authentication; stopped and
/// deleted on disposal. As root, initdb and pg_ctl run as the <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);
    private readonly string _bin;
    private readonly string _directory;

    private PostgresServer(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
    }

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string to the <c>postgres</c> database as the <c>postgres</c> user.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = "postgres", Database = "postgres", Pooling = true,
    }.ToString();

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <exception cref="InvalidOperationException">No PostgreSQL binaries, or the server does not start.</exception>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("PostgreSQL is not installed: run scripts/test.sh (it installs Debian's postgresql package)");
        var directory = Directory.CreateTempSubdirectory("cc-pg-").FullName;
        var server = new PostgresServer(bin, directory, FreePort());
        try
        {
            if (IsRoot)
                await RunAsync("chown", "-R", "postgres:postgres", directory);
            await server.PgAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server at once, keeping its files: every connection fails until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        await PgAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the stopped server again on the same port and files.</summary>
    public Task RestartAsync() => StartServerAsync();

    private Task StartServerAsync() => PgAsync("pg_ctl", "-D", DataDirectory, "-w", "-t", "60", "-l", Path.Combine(_directory, "log"),
        "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>Stops the server at once (<c>-m immediate</c>) and deletes its files.</summary>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            await PgAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        Directory.Delete(_directory, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, params string[] args) => IsRoot
        ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
        : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
