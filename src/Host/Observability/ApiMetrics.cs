using System.Diagnostics;
using System.Diagnostics.Metrics;
using ConsoleContext.Protocol;
using ConsoleContext.Telemetry;

namespace ConsoleContext.Host.Observability;

/// <summary>What the HTTP side records on the tracker's meter: decisions by outcome and reason, their duration, open streams.</summary>
public static class ApiMetrics
{
    /// <summary>Label value for a decision without a reason.</summary>
    public const string NoReason = "none";

    /// <summary>Every decision answered over HTTP (rejected ones included), by tenant, outcome and reason.</summary>
    public static readonly Counter<long> Decisions = TrackerTelemetry.Meter.CreateCounter<long>(
        "consolecontext.decisions", "{decision}", "Decisions answered, by outcome and reason");

    /// <summary>Seconds from a POST /v1/events body being read to its decisions being known (decided and journaled).</summary>
    public static readonly Histogram<double> DecisionDuration = TrackerTelemetry.Meter.CreateHistogram<double>(
        "consolecontext.decision.duration", "s", "Time to decide and journal the events of one request",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = TrackerTelemetry.DurationBuckets });

    /// <summary>Decision streams (Server-Sent Events) currently open.</summary>
    public static readonly UpDownCounter<long> StreamsOpen = TrackerTelemetry.Meter.CreateUpDownCounter<long>(
        "consolecontext.streams.open", "{stream}", "Decision streams currently open");

    public static void Decided(HttpContext context, IReadOnlyList<Decision> decisions, long startedTimestamp)
    {
        var tenant = TrackerTelemetry.Tenant(TenantLabel.Of(context.User));
        DecisionDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, tenant);
        foreach (var decision in decisions)
            Decisions.Add(1, tenant, new("outcome", decision.Outcome), new("reason", decision.Reason ?? NoReason));
    }

    /// <summary>Counts one open stream until the returned handle is disposed.</summary>
    public static IDisposable StreamOpened(HttpContext context)
    {
        var tenant = TrackerTelemetry.Tenant(TenantLabel.Of(context.User));
        StreamsOpen.Add(1, tenant);
        return new StreamClosed(tenant);
    }

    private sealed class StreamClosed(KeyValuePair<string, object?> tenant) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
                StreamsOpen.Add(-1, tenant);
        }
    }
}
