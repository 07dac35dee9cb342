using ConsoleContext.Host.Api;
using ConsoleContext.Host.ConsolePage;
using ConsoleContext.Host.Observability;
using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using ConsoleContext.Host.Wiring;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using System.Threading.RateLimiting;

namespace ConsoleContext.Host;

/// <summary>Builds the HTTP service exactly as production runs it; the integration specs call this too.</summary>
public static class TrackerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string CorsPolicy = "browser-bridges";
    public const string RatePolicy = "per-key";

    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var storage = builder.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var security = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var limits = builder.Configuration.GetSection(LimitsOptions.Section).Get<LimitsOptions>() ?? new LimitsOptions();
        builder.Services.Configure<StorageOptions>(builder.Configuration.GetSection(StorageOptions.Section));
        builder.Services.Configure<LimitsOptions>(builder.Configuration.GetSection(LimitsOptions.Section));
        // Checked here, before anything starts, so a bad path or provider is one clear line (ServeCommand), not an actor-system failure.
        var storageSettings = StorageSettings.From(builder.Configuration);
        storageSettings.Prepare();
        var dataLock = DataDirectoryLock.Acquire(storageSettings.DataDirectory);
        try
        {
            return Build(builder, storage, security, limits, dataLock);
        }
        catch
        {
            dataLock.Dispose();
            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, StorageOptions storage, SecurityOptions security, LimitsOptions limits,
        DataDirectoryLock dataLock)
    {
        // The container owns the lock (resolved below), so disposing the app releases it; a killed process loses it with its handles.
        builder.Services.AddSingleton(_ => dataLock);

        builder.AddTracker(durable: true);
        builder.AddGracefulShutdown();
        builder.AddObservability();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDefaults.Customize);
        builder.Services.AddSingleton(ApiKeyStore.Create(security, storage.DataDirectory));
        builder.Services.AddSingleton<SessionGateway>();
        builder.Services.AddSingleton<JournalDecisions>();
        builder.Services.AddSingleton<StreamSlots>();
        builder.Services.AddSingleton<DecisionStreams>();
        builder.Services.AddOptions<LimitsOptions>()
            .Validate(l => l.StreamsPerKey > 0, "Limits:StreamsPerKey must be at least 1")
            .Validate(l => l.StreamBuffer > 0, "Limits:StreamBuffer must be at least 1")
            .Validate(l => l.StreamHeartbeat > TimeSpan.Zero, "Limits:StreamHeartbeat must be a positive duration, e.g. 00:00:15")
            .ValidateOnStart();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.AddBrowserBridge(storage.DataDirectory);
        builder.Services.AddAuthorization(o =>
        {
            foreach (var role in Roles.All)
                o.AddPolicy(role, p => p.RequireRole(role));
        });
        builder.Services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            .WithOrigins([.. security.AllowedOrigins])
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type")));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RatePolicy, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.Identity?.Name ?? "anonymous",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            o.OnRejected = (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                return new ValueTask(Problems.Write(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"this API key is limited to {limits.PermitsPerSecond} requests per second (burst {limits.Burst}); retry after the Retry-After seconds"));
            };
        });
        builder.Services.AddSingleton<JournalHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<ActorSystemHealthCheck>("actor-system", tags: ["ready"])
            .AddCheck<JournalHealthCheck>("journal", tags: ["ready"]);
        builder.Services.AddApiReference();

        var app = builder.Build();
        app.Services.GetRequiredService<DataDirectoryLock>();
        app.UseObservability();
        app.UseGracefulShutdown();
        app.UseJsonContentTypeForPosts();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(CorsPolicy);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapApiReference();

        app.MapGroup("/v1")
            .RequireRateLimiting(RatePolicy)
            .MapEvents()
            .MapQueries()
            .MapDecisionStream()
            .MapTapeExport()
            .MapBrowserBridgeRoutes();
        app.MapConsolePage();

        StartupBanner.Register(app);
        return app;
    }
}
