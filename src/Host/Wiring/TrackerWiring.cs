using Akka.Hosting;
using ConsoleContext.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace ConsoleContext.Host.Wiring;

/// <summary>Everything the service and the replay command share: Serilog, HOCON.conf and the actor system.</summary>
public static class TrackerWiring
{
    public const string ActorSystemName = "console-context";

    public static IHostApplicationBuilder AddTracker(this IHostApplicationBuilder builder, bool logToStandardError = false)
    {
        builder.Services.AddSerilog((_, logger) =>
        {
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(standardErrorFromLevel: logToStandardError ? LogEventLevel.Verbose : null);
        }, preserveStaticLogger: true);

        builder.Services.AddAkka(ActorSystemName, akka =>
        {
            akka.AddHocon(HoconFile.Load(), HoconAddMode.Prepend);
            akka.ConfigureLoggers(setup =>
            {
                setup.LogLevel = Akka.Event.LogLevel.WarningLevel;
                setup.ClearLoggers();
                setup.AddLoggerFactory();
            });
            akka.AddConsoleContext();
        });
        return builder;
    }
}
