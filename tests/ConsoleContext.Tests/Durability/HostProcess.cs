using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ConsoleContext.Tests.Durability;

/// <summary>The service as a separate OS process (the built Host next to the tests), so a spec can SIGKILL it.</summary>
internal sealed partial class HostProcess : IDisposable
{
    private readonly Process _process;

    private HostProcess(Process process, Uri baseAddress, List<string> output)
    {
        _output = output;
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The service's OS process id (e.g. to read its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    /// <summary>Every line the process wrote to stdout so far (its log).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
                return [.. _output];
        }
    }

    private readonly List<string> _output;

    /// <param name="settings">More settings, each as <c>Key=value</c>.</param>
    public static async Task<HostProcess> StartAsync(string dataDirectory, string ingestKey, string queryKey, params string[] settings)
    {
        var process = Process.Start(StartInfo(dataDirectory, ingestKey, queryKey, settings)) ?? throw new InvalidOperationException("the host process did not start");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
                return;
            lock (output)
                output.Add(line);
            if (ListeningLine().Match(line) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new HostProcess(process, address, output);
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, string ingestKey, string queryKey, string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppContext.BaseDirectory, "ConsoleContext.Host.dll"),
                     "--urls=http://127.0.0.1:0",
                     $"--Storage:DataDirectory={dataDirectory}",
                     $"--Security:ApiKeys:0:Key={ingestKey}", "--Security:ApiKeys:0:Roles:0=ingest",
                     $"--Security:ApiKeys:1:Key={queryKey}", "--Security:ApiKeys:1:Roles:0=query",
                     "--Limits:Burst=1000000", "--Limits:PermitsPerSecond=1000000",
                 }.Concat(settings.Select(s => "--" + s)))
            start.ArgumentList.Add(arg);
        return start;
    }

    /// <summary>True once <c>/health/ready</c> answers 200 (the node is Up and its journal writes), false when <paramref name="limit"/> passes first.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan limit)
    {
        using var client = Client("");
        return await Eventually.HoldsAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, limit);
    }

    /// <summary>Starts the service and waits for it to end by itself (a refused start), within <paramref name="limit"/>.</summary>
    /// <returns>Its exit code, everything it wrote to stderr, and how long it ran.</returns>
    public static async Task<(int Exit, string Stderr, TimeSpan Ran)> RunUntilExitAsync(string dataDirectory, TimeSpan limit)
    {
        var started = Stopwatch.StartNew();
        using var process = Process.Start(StartInfo(dataDirectory, "refused-ingest", "refused-query", [])) ?? throw new InvalidOperationException("the host process did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the host process was still running after {limit}");
        }
        return (process.ExitCode, await stderr, started.Elapsed);
    }

    public HttpClient Client(string key) => new()
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    /// <summary>SIGTERM, as systemd or <c>kill</c> sends it: the graceful shutdown.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]) ?? throw new InvalidOperationException("kill did not start");
        kill.WaitForExit();
    }

    /// <summary>The exit code once the process has ended, within <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a crashed machine for the process.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            KillHard();
        _process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
