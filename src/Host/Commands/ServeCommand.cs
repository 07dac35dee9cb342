using ConsoleContext.Host.Wiring;

namespace ConsoleContext.Host.Commands;

/// <summary>
/// No command: runs the service until SIGTERM or Ctrl-C. Arguments are settings (<c>--Key=value</c>) and <c>--verbose</c>;
/// anything else is refused before anything starts. A startup problem prints one line and exits 2.
/// </summary>
public static class ServeCommand
{
    public const string VerboseFlag = "--verbose";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (Unrecognised(args) is { } problem)
        {
            await stderr.WriteLineAsync($"{problem} (ConsoleContext.Host --help lists the commands and settings)");
            return CommandLine.ExitUsage;
        }

        var verbose = args.Contains(VerboseFlag);
        var settings = args.Where(a => a != VerboseFlag).ToArray();
        try
        {
            await using var app = TrackerApp.Create(settings);
            await app.RunAsync();
            return CommandLine.ExitOk;
        }
        catch (Exception ex)
        {
            var line = StartupFailure.Describe(ex);
            await stdout.FlushAsync();
            await stderr.WriteLineAsync(line);
            if (verbose)
                await stderr.WriteLineAsync(ex.ToString());
            return CommandLine.ExitUsage;
        }
    }

    /// <summary>The first argument that is neither a setting nor a known flag, described; null when all are fine.</summary>
    public static string? Unrecognised(IEnumerable<string> args)
    {
        foreach (var arg in args)
        {
            if (arg == VerboseFlag)
                continue;
            var setting = arg.TrimStart('-', '/');
            var equals = setting.IndexOf('=');
            if (equals > 0)
                continue;
            return arg.StartsWith('-')
                ? $"unknown option \"{arg}\"; settings are given as --Key=value"
                : $"unknown command \"{arg}\"; the commands are replay and simulate";
        }
        return null;
    }
}
