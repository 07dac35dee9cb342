using System.Net;
using System.Net.Sockets;
using ConsoleContext.Host.Commands;
using ConsoleContext.Tests.Replay;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>Each startup problem ends with exit 2 and one line on stderr naming the thing and what to do; no stack trace.</summary>
public sealed class StartupFailureSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Exit, string Stderr)> Serve(params string[] settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await ServeCommand.RunAsync(["--urls=http://127.0.0.1:0", .. settings], stdout, stderr);
        return (exit, stderr.ToString());
    }

    private static void AssertOneLineNaming(string stderr, params string[] expected)
    {
        Assert.EndsWith("\n", stderr);
        Assert.DoesNotContain("\n", stderr[..^1]);
        Assert.StartsWith("ConsoleContext cannot start: ", stderr);
        Assert.DoesNotContain("   at ", stderr);
        foreach (var text in expected)
            Assert.Contains(text, stderr);
    }

    [Theory]
    [InlineData("--Cluster:SeedNodes:0=127.0.0.1:4053", "Cluster:SeedNodes entry \"127.0.0.1:4053\"")]
    [InlineData("--Cluster:SeedNodes:0=akka.tcp://other-system@127.0.0.1:4053", "akka.tcp://console-context@HOST:PORT")]
    [InlineData("--Cluster:Port=70000", "Cluster:Port \"70000\"")]
    [InlineData("--Cluster:Port=lots", "Cluster:Port \"lots\"")]
    public async Task A_cluster_setting_that_cannot_work_is_named(string setting, string named)
    {
        var (exit, stderr) = await Serve($"--Storage:DataDirectory={_dir.Path}", setting);

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, named);
    }

    [Fact]
    public async Task A_data_directory_under_a_file_is_named()
    {
        var file = Path.Combine(_dir.Path, "a-file");
        await File.WriteAllTextAsync(file, "");
        var data = Path.Combine(file, "data");

        var (exit, stderr) = await Serve($"--Storage:DataDirectory={data}");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, $"cannot create the data directory {data}", "--Storage:DataDirectory=");
    }

    [Fact]
    public async Task A_data_directory_that_is_a_file_is_named()
    {
        var file = Path.Combine(_dir.Path, "a-file");
        await File.WriteAllTextAsync(file, "");

        var (exit, stderr) = await Serve($"--Storage:DataDirectory={file}");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, $"the data directory {file} is a file, not a directory");
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_written_is_named()
    {
        // sysfs refuses new files even to root, so this holds however the tests are run.
        const string readOnly = "/sys/kernel";
        Assert.True(Directory.Exists(readOnly), $"{readOnly} is expected on Linux");

        var (exit, stderr) = await Serve($"--Storage:DataDirectory={readOnly}");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, $"the data directory {readOnly} is not writable");
    }

    [Fact]
    public async Task An_unknown_storage_provider_is_named()
    {
        var (exit, stderr) = await Serve($"--Storage:DataDirectory={_dir.Path}", "--Storage:Provider=NoSuchDb");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, "unknown storage provider \"NoSuchDb\"", "--Storage:Provider");
    }

    [Fact]
    public async Task An_unknown_log_format_is_named()
    {
        var (exit, stderr) = await Serve($"--Storage:DataDirectory={_dir.Path}", "--Logging:Format=xml");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, "Logging:Format \"xml\"", "text", "json");
    }

    [Fact]
    public async Task An_invalid_tenant_name_is_named()
    {
        var (exit, stderr) = await Serve($"--Storage:DataDirectory={_dir.Path}",
            "--Security:ApiKeys:0:Key=k1", "--Security:ApiKeys:0:Roles:0=ingest", "--Security:ApiKeys:0:Tenant=acme/corp");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, "\"acme/corp\" is not a valid tenant name", "Tenant");
        Assert.DoesNotContain("Exception", stderr);
    }

    [Fact]
    public async Task A_setting_that_is_not_a_number_is_named()
    {
        var (exit, stderr) = await Serve($"--Storage:DataDirectory={_dir.Path}", "--Limits:Burst=lots");

        Assert.Equal(2, exit);
        AssertOneLineNaming(stderr, "invalid setting", "'lots'", "Limits:Burst");
    }

    [Fact]
    public async Task A_missing_data_directory_is_created_owner_only_and_the_journal_files_0600()
    {
        var data = Path.Combine(_dir.Path, "new", "data");
        await using var host = await RunningHost.StartAsync(dataDirectory: data);

        Assert.True(Directory.Exists(data));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));
            using var ingest = host.Client(RunningHost.IngestKey);
            await ingest.PostEventsAsync("""{"eventId":"m1","sessionId":"modes-1","type":"tabCreated","tabId":"ctab0"}""");
            foreach (var file in new[] { "console-context.db", "console-context.db-wal", "console-context.db-shm" })
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, file)));
        }
    }

    [Fact]
    public async Task A_journal_that_others_could_read_is_restricted_to_the_owner_at_start()
    {
        if (OperatingSystem.IsWindows())
            return;
        var data = Path.Combine(_dir.Path, "old-install");
        Directory.CreateDirectory(data);
        var journal = Path.Combine(data, "console-context.db");
        await File.WriteAllBytesAsync(journal, []);
        File.SetUnixFileMode(journal, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var host = await RunningHost.StartAsync(dataDirectory: data);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(journal));
    }

    [Fact]
    public async Task A_port_in_use_exits_2_with_one_line_and_no_stack_trace_even_as_a_process()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        var result = await HostCommand.RunAsync([$"--urls={url}", $"--Storage:DataDirectory={_dir.Path}"]);

        Assert.Equal(2, result.ExitCode);
        AssertOneLineNaming(result.Stderr, url, "address already in use", "--urls=");
        Assert.DoesNotContain("   at ", result.Stdout);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var file = Path.Combine(_dir.Path, "a-file");
        await File.WriteAllTextAsync(file, "");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ServeCommand.RunAsync(["--verbose", $"--Storage:DataDirectory={file}"], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.StartsWith("ConsoleContext cannot start: ", stderr.ToString());
        Assert.Contains("   at ", stderr.ToString());
    }
}
