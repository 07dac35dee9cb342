using System.Diagnostics;
using ConsoleContext.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Events;

namespace ConsoleContext.Host.Observability;

/// <summary>
/// Metrics (<c>Metrics:Enabled</c>, on by default: the tracker's, ASP.NET Core's and the runtime's meters on a Prometheus
/// endpoint <c>/metrics</c> that needs no key), traces (the tracker's activity source under each request's span,
/// continuing an incoming <c>traceparent</c>; exported over OTLP when <c>Tracing:OtlpEndpoint</c> or
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), and one request-log line per request.
/// </summary>
public static class ObservabilityWiring
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "console-context";

    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var metricsOn = builder.Configuration.GetValue("Metrics:Enabled", true);
        var otlp = builder.Configuration["Tracing:OtlpEndpoint"];
        var otlpFromEnvironment = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!string.IsNullOrEmpty(otlp) && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
            throw new Wiring.StartupException($"Tracing:OtlpEndpoint \"{otlp}\" is not an absolute URL; use e.g. http://127.0.0.1:4317");

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        if (metricsOn)
        {
            telemetry.WithMetrics(m => m
                .AddMeter(TrackerTelemetry.Name, "System.Runtime")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        }
        telemetry.WithTracing(t =>
        {
            t.AddSource(TrackerTelemetry.Name).AddAspNetCoreInstrumentation(o => o.Filter = http => http.Request.Path != MetricsPath);
            if (!string.IsNullOrEmpty(otlp))
                t.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            else if (otlpFromEnvironment)
                t.AddOtlpExporter();
        });
        return builder;
    }

    /// <summary>The request log (first, so it sees the final status) and the <c>/metrics</c> endpoint.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // The service's Serilog logger (the static Log.Logger is left alone so that several hosts can share a process).
            o.Logger = app.Services.GetService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (key {KeyName}, tenant {Tenant}, trace {TraceId})";
            o.GetLevel = (http, _, ex) => ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error
                : http.Response.StatusCode >= 400 ? LogEventLevel.Warning
                : LogEventLevel.Information;
            // The key's name (a hash prefix), never the key itself.
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                diagnostics.Set("KeyName", http.User.Identity?.Name ?? "-");
                diagnostics.Set("Tenant", TenantLabel.Of(http.User));
                diagnostics.Set("TraceId", Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier);
            };
        });
        if (app.Configuration.GetValue("Metrics:Enabled", true))
            app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
