using System.Text.Json.Nodes;
using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Wiring;
using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsoleContext.Host.Commands;

/// <summary>
/// <c>replay TAPE|- [--expect FILE]</c>: one decision per non-blank tape line on stdout (JSONL); logs on stderr.
/// With <c>--expect</c>, compares each decision with the expected file's line (as JSON values) instead.
/// </summary>
public static class ReplayCommand
{
    public const int ExitOk = 0;
    public const int ExitMismatch = 1;
    public const int ExitUnreadable = 2;
    public const string StandardInput = "-";

    public const string Usage = """
        usage: replay TAPE|- [--expect FILE.decisions.jsonl]
          TAPE     a JSONL tape, one console event a line (docs/ownership.md); - reads standard input
          --expect compare each decision with the same line of FILE as JSON values (key order and spacing do not
                   matter); print the first difference (tape line, eventId, expected, actual) and exit 1, or exit 0
                   when all match
        Without --expect: one decision a line on stdout, exit 0 when the tape was read (rejected lines included).
        Exit 2 when a file cannot be read or an argument is unknown.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, TextReader.Null, stdout, stderr);

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.AsksForHelp(args))
        {
            await stdout.WriteLineAsync(Usage);
            return ExitOk;
        }
        if (ReplayArguments.Parse(args, out var error) is not { } parsed)
        {
            await stderr.WriteLineAsync($"replay: {error} (replay --help)");
            return ExitUnreadable;
        }

        string[] lines;
        string[]? expected = null;
        try
        {
            // A file is read as bytes, so a line that is not valid UTF-8 is rejected on its own (TapeFile), not the whole tape.
            lines = parsed.Tape == StandardInput ? ReadAll(stdin) : [.. TapeFile.ReadLines(parsed.Tape)];
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            await stderr.WriteLineAsync($"replay: cannot read tape \"{parsed.Tape}\": {ex.Message}");
            return ExitUnreadable;
        }
        try
        {
            if (parsed.Expect is { } expectPath)
                expected = [.. (await File.ReadAllLinesAsync(expectPath)).Where(l => !string.IsNullOrWhiteSpace(l))];
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            await stderr.WriteLineAsync($"replay: cannot read expected decisions \"{parsed.Expect}\": {ex.Message}");
            return ExitUnreadable;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.AddTracker(durable: false, logToStandardError: true);
        // Only decisions (or the comparison) on stdout, and no "Application started" chatter on stderr either.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sessions = host.Services.GetRequiredService<ActorRegistry>().Get<SessionRouterActor>();
            var decisions = TapeReplayer.StreamAsync(sessions, lines);
            var exit = expected is null
                ? await PrintAsync(decisions, stdout)
                : await CompareAsync(decisions, lines, expected, parsed.Expect!, stdout, stderr);
            await stdout.FlushAsync();
            return exit;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<int> PrintAsync(IAsyncEnumerable<Decision> decisions, TextWriter stdout)
    {
        await foreach (var decision in decisions)
            await stdout.WriteLineAsync(DecisionJson.Serialize(decision));
        return ExitOk;
    }

    private static async Task<int> CompareAsync(IAsyncEnumerable<Decision> decisions, string[] lines, string[] expected, string expectPath,
        TextWriter stdout, TextWriter stderr)
    {
        var tapeLines = Enumerable.Range(0, lines.Length).Where(i => !string.IsNullOrWhiteSpace(lines[i])).Select(i => i + 1).ToList();
        var k = 0;
        await foreach (var decision in decisions)
        {
            var actual = DecisionJson.Serialize(decision);
            var want = k < expected.Length ? expected[k] : null;
            if (!SameJson(want, actual))
            {
                await stdout.WriteLineAsync($"replay: line {tapeLines[k]} (eventId {decision.EventId ?? "(none)"}) differs from {expectPath}");
                await stdout.WriteLineAsync($"  expected: {want ?? "(no more expected decisions)"}");
                await stdout.WriteLineAsync($"  actual:   {actual}");
                return ExitMismatch;
            }
            k++;
        }
        if (k < expected.Length)
        {
            await stdout.WriteLineAsync($"replay: the tape ended after {k} decisions but {expectPath} expects {expected.Length}");
            await stdout.WriteLineAsync($"  expected: {expected[k]}");
            await stdout.WriteLineAsync("  actual:   (no more decisions)");
            return ExitMismatch;
        }
        await stderr.WriteLineAsync($"replay: all {k} decisions match {expectPath}");
        return ExitOk;
    }

    /// <summary>Equal as JSON values: key order and spacing do not matter; a line that is not JSON equals nothing.</summary>
    public static bool SameJson(string? expected, string actual)
    {
        if (expected is null)
            return false;
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static string[] ReadAll(TextReader reader)
    {
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return [.. lines];
    }

    private static bool IsUnreadable(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;
}
