using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ConsoleContext.Telemetry;

/// <summary>
/// The tracker's meter and activity source (both named <see cref="Name"/>), and the instruments the actors record.
/// The Host exports them (Prometheus at /metrics, OTLP traces when configured); without a listener they cost nothing.
/// </summary>
public static class TrackerTelemetry
{
    public const string Name = "ConsoleContext";

    /// <summary>The tenant every session belongs to until tenants are configured.</summary>
    public const string DefaultTenant = "default";

    public const string TenantTag = "tenant";

    public static readonly Meter Meter = new(Name);
    public static readonly ActivitySource Source = new(Name);

    /// <summary>Bucket bounds in seconds, 0.1 ms to 10 s: decisions take microseconds in memory, milliseconds on a journal.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Seconds from asking the journal to write one session's accepted events to its confirmation (Prometheus: _seconds).</summary>
    public static readonly Histogram<double> JournalWriteDuration = Meter.CreateHistogram<double>(
        "consolecontext.journal.write.duration", "s", "Time to write one session's accepted events to the journal",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Journal writes that failed or were rejected (the events were not accepted; callers got 503).</summary>
    public static readonly Counter<long> JournalFailures = Meter.CreateCounter<long>(
        "consolecontext.journal.failures", "{write}", "Journal writes that failed or were rejected");

    /// <summary>Sessions whose actors are running (recovered or new, not yet passivated).</summary>
    public static readonly UpDownCounter<long> SessionsActive = Meter.CreateUpDownCounter<long>(
        "consolecontext.sessions.active", "{session}", "Sessions whose actors are running");

    /// <summary>The tenant label of a metric: the session's tenant (Actors.Sessions.SessionKey).</summary>
    public static KeyValuePair<string, object?> Tenant(string tenant) => new(TenantTag, tenant);
}
