using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;

namespace ConsoleContext.Tests.Bridge;

/// <summary>Runs <c>node --test</c> on the bridge's test files (bridge/ in the repository) and reads its TAP summary.</summary>
internal static partial class NodeTestRun
{
    public static readonly string BridgeDirectory = Path.Combine(RepositoryRoot(), "bridge");

    public sealed record Summary(int ExitCode, int Passed, int Failed, int Skipped, string Output);

    public static async Task<Summary> RunAsync(string testPath, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("node", ["--test", "--test-reporter=tap", testPath])
        {
            WorkingDirectory = BridgeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node --test {testPath} did not finish within {timeout.TotalSeconds} s:\n{await stdout}\n{await stderr}");
        }
        var output = await stdout + "\n" + await stderr;
        return new Summary(process.ExitCode, Count(output, "pass"), Count(output, "fail"), Count(output, "skipped") + Count(output, "todo"), output);
    }

    /// <summary>The repository's npm packages (playwright-core for the browser tests) are installed by scripts/test.sh.</summary>
    public static bool HasPackage(string name) => Directory.Exists(Path.Combine(BridgeDirectory, "node_modules", name));

    private static int Count(string output, string label) =>
        TapCount().Matches(output).Where(m => m.Groups[1].Value == label).Select(m => int.Parse(m.Groups[2].Value)).LastOrDefault(-1);

    [GeneratedRegex(@"^# (pass|fail|skipped|todo) (\d+)$", RegexOptions.Multiline)]
    private static partial Regex TapCount();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConsoleContext.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (ConsoleContext.sln) was not found above " + AppContext.BaseDirectory);
    }
}
