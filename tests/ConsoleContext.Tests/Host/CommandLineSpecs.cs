using ConsoleContext.Host.Commands;
using ConsoleContext.Tests.Replay;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>The executable's arguments: help, version, unknown commands and options, replay's options and its comparison.</summary>
public sealed class CommandLineSpecs : IDisposable
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples");
    private static readonly string Walkthrough = Path.Combine(Samples, "walkthrough.jsonl");
    private static readonly string WalkthroughDecisions = Path.Combine(Samples, "walkthrough.decisions.jsonl");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(string[] args, string stdin = "")
    {
        using var input = new StringReader(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, input, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static void AssertOneLine(string text)
    {
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("\n", text[..^1]);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_prints_the_commands_the_main_settings_and_the_docs_and_exits_0(string flag)
    {
        var (exit, stdout, stderr) = await Run([flag]);

        Assert.Equal(0, exit);
        Assert.Equal("", stderr);
        foreach (var expected in new[] { "replay TAPE", "simulate", "--Storage:DataDirectory", "--urls", "--Security:ApiKeys", "docs/configuration.md", "--version" })
            Assert.Contains(expected, stdout);
    }

    [Fact]
    public async Task Help_starts_nothing_even_as_a_real_process()
    {
        var result = await HostCommand.RunAsync(["--help"], workingDirectory: _dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.DoesNotContain("listening", result.Stdout);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public async Task Version_prints_ConsoleContext_and_the_version()
    {
        var (exit, stdout, _) = await Run(["--version"]);

        Assert.Equal(0, exit);
        Assert.Matches(@"^ConsoleContext \d+\.\d+\.\d+\S*\n$", stdout.Replace("\r", ""));
    }

    [Theory]
    [InlineData("frobnicate", "unknown command \"frobnicate\"")]
    [InlineData("--frobnicate", "unknown option \"--frobnicate\"")]
    [InlineData("-x", "unknown option \"-x\"")]
    public async Task An_unknown_command_or_option_exits_2_with_one_line_naming_it(string arg, string expected)
    {
        var (exit, stdout, stderr) = await Run([arg]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        AssertOneLine(stderr);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData("simulate", "--bogus", "unknown option --bogus")]
    [InlineData("simulate", "--agents", "--agents needs a value")]
    public async Task Simulate_refuses_an_unknown_or_incomplete_option_with_one_line_and_exit_2(string command, string arg, string expected)
    {
        var (exit, stdout, stderr) = await Run([command, arg]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        AssertOneLine(stderr);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData("--urls=http://127.0.0.1:1", "--help")]
    [InlineData("--verbose", "-h")]
    public async Task Help_and_version_answer_after_settings_too(string setting, string flag)
    {
        var (exit, stdout, _) = await Run([setting, flag]);
        Assert.Equal(0, exit);
        Assert.Contains("Usage:", stdout);

        (exit, stdout, _) = await Run([setting, "--version"]);
        Assert.Equal(0, exit);
        Assert.StartsWith("ConsoleContext ", stdout);
    }

    [Theory]
    [InlineData("replay", "usage: replay TAPE")]
    [InlineData("simulate", "--agents")]
    public async Task Every_command_has_help(string command, string expected)
    {
        foreach (var args in new[] { new[] { command, "--help" }, [command, "-h"], ["help", command], [command, "x.jsonl", "--help"], [command, "--agents", "3", "--help"] })
        {
            var (exit, stdout, _) = await Run(args);
            Assert.Equal(0, exit);
            Assert.Contains(expected, stdout);
        }
    }

    [Theory]
    [InlineData("--frobnicate", "unknown option \"--frobnicate\"")]
    [InlineData("--expect", "--expect needs a file")]
    [InlineData("second.jsonl", "replay takes one tape")]
    public async Task Replay_refuses_an_unknown_or_incomplete_argument_with_one_line_and_exit_2(string arg, string expected)
    {
        var (exit, stdout, stderr) = await Run(["replay", Walkthrough, arg]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        AssertOneLine(stderr);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public async Task Replay_dash_reads_the_tape_from_standard_input()
    {
        var (exit, stdout, _) = await Run(["replay", "-"], await File.ReadAllTextAsync(Walkthrough));

        Assert.Equal(0, exit);
        Assert.Equal((await File.ReadAllLinesAsync(WalkthroughDecisions)).Where(l => l.Length > 0).Select(HostCalls.Canonical),
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(HostCalls.Canonical));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Replay_expect_exits_0_when_every_decision_matches_whatever_the_key_order_and_spacing(bool optionFirst)
    {
        // The expected file written with its keys reversed and spaced: equal as JSON values.
        var expected = Path.Combine(_dir.Path, "reordered.decisions.jsonl");
        await File.WriteAllLinesAsync(expected, (await File.ReadAllLinesAsync(WalkthroughDecisions)).Where(l => l.Length > 0)
            .Select(l => "{ " + string.Join(" , ", System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject().Reverse()
                .Select(p => $"\"{p.Key}\" : {p.Value?.ToJsonString() ?? "null"}")) + " }"));
        string[] args = optionFirst ? ["replay", "--expect", expected, Walkthrough] : ["replay", Walkthrough, $"--expect={expected}"];

        var (exit, stdout, stderr) = await Run(args);

        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains("all 9 decisions match", stderr);
    }

    [Fact]
    public async Task Replay_expect_prints_the_first_difference_with_its_line_number_eventId_expected_and_actual_and_exits_1()
    {
        // The tape has a blank line before w1, so w4 is on line 5; the expected file says w4 was ignored.
        var tape = Path.Combine(_dir.Path, "tape.jsonl");
        await File.WriteAllLinesAsync(tape, ["", .. (await File.ReadAllLinesAsync(Walkthrough)).Where(l => l.Length > 0)]);
        var lines = (await File.ReadAllLinesAsync(WalkthroughDecisions)).Where(l => l.Length > 0).ToList();
        var wrong = lines[3].Replace("\"outcome\":\"applied\"", "\"outcome\":\"ignored\"");
        Assert.NotEqual(lines[3], wrong);
        lines[3] = wrong;
        lines[5] = lines[5].Replace("applied", "ignored");
        var expected = Path.Combine(_dir.Path, "wrong.decisions.jsonl");
        await File.WriteAllLinesAsync(expected, lines);

        var (exit, stdout, _) = await Run(["replay", tape, "--expect", expected]);

        Assert.Equal(1, exit);
        var report = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, report.Length);
        Assert.Contains("line 5 (eventId w4)", report[0]);
        Assert.Equal("  expected: " + wrong, report[1]);
        Assert.Contains("\"eventId\":\"w4\"", report[2]);
        Assert.Contains("\"outcome\":\"applied\"", report[2]);
    }

    [Fact]
    public async Task Replay_expect_reports_a_missing_decision_as_a_difference()
    {
        var expected = Path.Combine(_dir.Path, "longer.decisions.jsonl");
        var lines = (await File.ReadAllLinesAsync(WalkthroughDecisions)).Where(l => l.Length > 0).ToList();
        await File.WriteAllLinesAsync(expected, [.. lines, lines[^1]]);

        var (exit, stdout, _) = await Run(["replay", Walkthrough, "--expect", expected]);

        Assert.Equal(1, exit);
        Assert.Contains("ended after 9 decisions", stdout);
    }

    [Fact]
    public async Task Replay_as_a_process_writes_decisions_only_and_no_host_lifecycle_lines()
    {
        var result = await HostCommand.RunAsync(["replay", Walkthrough]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(9, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain("Application started", result.Stderr);
        Assert.DoesNotContain("Hosting environment", result.Stderr);
        Assert.DoesNotContain("Content root", result.Stderr);
    }
}
