using System.Reflection;

namespace ConsoleContext.Host.Commands;

/// <summary>
/// The one entry point of the executable: <c>help</c>, <c>--version</c>, <c>replay</c>, <c>simulate</c>, or (no command)
/// the service. Exit codes: 0 done, 1 a check failed (replay --expect, simulate), 2 usage or startup problem.
/// </summary>
public static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitUsage = 2;

    public const string Usage = """
        ConsoleContext: decides, for every Salesforce Service Console event, whether it applies to the call-active tab.

        Usage:
          ConsoleContext.Host [--Key=value ...] [--verbose]   run the service (http://127.0.0.1:5080, data in ./data)
          ConsoleContext.Host replay TAPE|- [--expect FILE]   play a JSONL tape through the actors, one decision a line on stdout
          ConsoleContext.Host simulate [options]              drive simulated agents; report throughput, latency, memory
          ConsoleContext.Host help | --help | -h              this text
          ConsoleContext.Host --version                       the version
          (from a clone: dotnet run --project src/Host -- ARGS)
        Every command has --help.

        Main settings (--Key=value on the command line, Key__Sub=value in the environment, or appsettings.json):
          --urls=http://127.0.0.1:5080             where the service listens
          --Storage:DataDirectory=./data           the SQLite journal and the generated API keys (created 0700)
          --Storage:Provider=SQLite.MS             or PostgreSQL with --Storage:ConnectionString=...
          --Security:ApiKeys:0:Key=KEY --Security:ApiKeys:0:Roles:0=ingest|query
          --Logging:Format=text|json               log lines on stdout
          --Metrics:Enabled=true                   Prometheus metrics at /metrics
          --verbose                                a startup failure also prints its stack trace

        Docs: README.md, docs/configuration.md (every setting), docs/api.md (every route), docs/deployment.md
        (publish, systemd, TLS, backup); a running service serves its API reference at /scalar/v1.
        """;

    /// <summary>"ConsoleContext 1.2.3", from the assembly's informational version.</summary>
    public static string Version
    {
        get
        {
            var assembly = typeof(CommandLine).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                          ?? assembly.GetName().Version?.ToString() ?? "unknown";
            return $"ConsoleContext {version}";
        }
    }

    /// <summary>True when <c>--help</c> or <c>-h</c> stands anywhere among <paramref name="args"/> (the help wins over the rest).</summary>
    public static bool AsksForHelp(IReadOnlyList<string> args) => args.Any(a => a is "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        // --help and --version anywhere (after settings or options too) answer without starting anything.
        if (args is not ["replay" or "simulate" or "help", ..])
        {
            if (AsksForHelp(args))
                args = ["--help"];
            else if (args.Contains("--version"))
                args = ["--version"];
        }
        switch (args)
        {
            case ["help" or "--help" or "-h"]:
                await stdout.WriteLineAsync(Usage);
                return ExitOk;
            case ["help", "replay"]:
                return await ReplayCommand.RunAsync(["--help"], stdin, stdout, stderr);
            case ["help", "simulate"]:
                return await SimulateCommand.RunAsync(["--help"], stdout, stderr);
            case ["help", var topic, ..]:
                await stderr.WriteLineAsync($"unknown command \"{topic}\"; the commands are replay and simulate (ConsoleContext.Host --help)");
                return ExitUsage;
            case ["--version"]:
                await stdout.WriteLineAsync(Version);
                return ExitOk;
            case ["replay", .. var rest]:
                return await ReplayCommand.RunAsync(rest, stdin, stdout, stderr);
            case ["simulate", .. var rest]:
                return await SimulateCommand.RunAsync(rest, stdout, stderr);
            default:
                return await ServeCommand.RunAsync(args, stdout, stderr);
        }
    }
}
