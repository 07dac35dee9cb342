using ConsoleContext.Host.Api;

namespace ConsoleContext.Host.Wiring;

/// <summary>
/// SIGTERM and Ctrl-C: Kestrel stops accepting and lets in-flight requests finish (their events decided and written),
/// decision streams end with <c>event: end</c> once those are answered, and only then are the actors stopped (Kestrel
/// is the last hosted service to start, so the first to stop, before Akka's CoordinatedShutdown).
/// </summary>
public static class GracefulShutdown
{
    /// <summary>The most in-flight requests get to finish; the process exits soon after the last answer.</summary>
    public static readonly TimeSpan InFlightLimit = TimeSpan.FromSeconds(15);

    public static WebApplicationBuilder AddGracefulShutdown(this WebApplicationBuilder builder)
    {
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = InFlightLimit);
        builder.Services.AddSingleton<InFlightWrites>();
        return builder;
    }

    /// <summary>Counts POST requests (the writes) while they are answered; see <see cref="InFlightWrites"/>.</summary>
    public static WebApplication UseGracefulShutdown(this WebApplication app)
    {
        var writes = app.Services.GetRequiredService<InFlightWrites>();
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                await next(context);
                return;
            }
            using (writes.Enter())
                await next(context);
        });
        return app;
    }
}
