using Akka.Hosting;
using ConsoleContext.Actors.Health;
using ConsoleContext.Hosting;
using ConsoleContext.Host.Logging;
using ConsoleContext.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace ConsoleContext.Host.Wiring;

/// <summary>Everything the service and the replay command share: Serilog, HOCON.conf and the actor system.</summary>
public static class TrackerWiring
{
    public const string ActorSystemName = "console-context";
    private const string HostingFailedToStart = "Hosting failed to start";

    /// <summary>Log events the console sink may hold before a writer waits for it (one request-log line is one event).</summary>
    public const int LogBufferEvents = 10_000;

    /// <param name="durable">True journals to the configured SQL store and joins the cluster (<c>Cluster:*</c>, by default a one-node
    /// cluster of its own): the service; false keeps sessions in memory under a local router (replay).</param>
    public static IHostApplicationBuilder AddTracker(this IHostApplicationBuilder builder, bool durable, bool logToStandardError = false)
    {
        var jsonLogs = LogFormat(builder.Configuration["Logging:Format"]);
        builder.Services.AddSerilog((_, logger) =>
        {
            logger.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                // The request log already has one line per request, 401 and 403 included; the handler's own
                // "was not authenticated / was challenged / was forbidden" lines would repeat it.
                .MinimumLevel.Override(typeof(Security.ApiKeyAuthenticationHandler).FullName!, LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .Enrich.With<PhoneNumberMaskingEnricher>()
                // ServeCommand reports a failed start as one line (the stack trace only with --verbose).
                .Filter.ByExcluding(e => e.MessageTemplate.Text == HostingFailedToStart);
            var stderrFrom = logToStandardError ? LogEventLevel.Verbose : (LogEventLevel?)null;
            // Off the request's thread: a console write per request (the request log) serialised every request on the
            // console's lock. Bounded, and a full buffer makes the writer wait rather than drop a line.
            logger.WriteTo.Async(sink =>
            {
                if (jsonLogs)
                    sink.Console(new CompactJsonFormatter(), standardErrorFromLevel: stderrFrom);
                else
                    sink.Console(standardErrorFromLevel: stderrFrom);
            }, bufferSize: LogBufferEvents, blockWhenFull: true);
        }, preserveStaticLogger: true);

        builder.Services.AddAkka(ActorSystemName, (akka, _) =>
        {
            var hocon = HoconFile.Load();
            akka.AddHocon(hocon, HoconAddMode.Prepend);
            // The host stops the actors after Kestrel has answered the in-flight requests (GracefulShutdown); Akka's
            // own process-exit hook would otherwise run on SIGTERM at once and strand those requests (503).
            akka.AddHocon("akka.coordinated-shutdown.run-by-clr-shutdown-hook = off", HoconAddMode.Prepend);
            akka.ConfigureLoggers(setup =>
            {
                setup.LogLevel = Akka.Event.LogLevel.WarningLevel;
                setup.ClearLoggers();
                setup.AddLoggerFactory();
            });
            if (!durable)
                akka.AddConsoleContext(Settings(hocon, builder.Configuration));
            else
            {
                akka.AddConsoleContextCluster(ClusterSettings.From(builder.Configuration), Settings(hocon, builder.Configuration));
                var storage = StorageSettings.From(builder.Configuration);
                storage.Prepare();
                akka.AddConsoleContextSqlPersistence(storage.Provider, storage.ConnectionString);
                akka.WithActors((system, registry) =>
                    registry.Register<JournalProbeActor>(system.ActorOf(JournalProbeActor.Props(storage.ProbePersistenceId), "journal-probe")));
            }
        });
        return builder;
    }

    /// <summary>True for <c>json</c>, false for <c>text</c> or nothing.</summary>
    /// <exception cref="StartupException">Any other value.</exception>
    public static bool LogFormat(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "text" => false,
        "json" => true,
        _ => throw new StartupException($"Logging:Format \"{value}\" is not a log format; use text (the default) or json"),
    };

    /// <summary>HOCON.conf gives the defaults; <c>ConsoleContext:*</c> from appsettings, environment or command line wins.</summary>
    public static OwnershipSettings Settings(Akka.Configuration.Config hocon, IConfiguration configuration)
    {
        var fromHocon = OwnershipSettings.FromConfig(hocon);
        var section = configuration.GetSection("ConsoleContext");
        return new OwnershipSettings(
            section.GetValue("ClickToDialWindow", fromHocon.ClickToDialWindow),
            section.GetValue("ScreenPopWindow", fromHocon.ScreenPopWindow),
            section.GetValue("MaxClickIntents", fromHocon.MaxClickIntents));
    }
}
