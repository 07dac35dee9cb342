using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Wiring;
using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ConsoleContext.Host.Commands;

/// <summary><c>replay FILE</c>: one decision per non-blank tape line on stdout (JSONL); logs on stderr.</summary>
public static class ReplayCommand
{
    public const int ExitOk = 0;
    public const int ExitUnreadable = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1)
        {
            await stderr.WriteLineAsync("usage: replay FILE (a JSONL tape, one event a line)");
            return ExitUnreadable;
        }

        var path = args[0];
        IReadOnlyList<string> lines;
        try
        {
            lines = TapeFile.ReadLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await stderr.WriteLineAsync($"replay: cannot read tape \"{path}\": {ex.Message}");
            return ExitUnreadable;
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.AddTracker(durable: false, logToStandardError: true);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var sessions = host.Services.GetRequiredService<ActorRegistry>().Get<SessionRouterActor>();
            await foreach (var decision in TapeReplayer.StreamAsync(sessions, lines))
                await stdout.WriteLineAsync(DecisionJson.Serialize(decision));
            await stdout.FlushAsync();
        }
        finally
        {
            await host.StopAsync();
        }
        return ExitOk;
    }
}
