using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Persistence.TestKit;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;
using ConsoleContext.Telemetry;
using ConsoleContext.Tests.Actors;
using ConsoleContext.Tests.Host;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>The actors' own metrics: each journal write's duration, each refused write, the sessions running.</summary>
[Collection(nameof(ObservabilitySpecs))]
public sealed class JournalMetricsSpecs() : TrackerTestKit(JournalFailureSpecs.TestJournalConfig)
{
    [Fact]
    public async Task A_write_records_its_duration_a_refused_write_counts_as_a_failure_and_sessions_are_counted_by_tenant()
    {
        var measured = new ConcurrentQueue<(string Instrument, double Value, string? Tenant)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TrackerTelemetry.Name)
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measured.Enqueue((i.Name, v, TenantIn(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measured.Enqueue((i.Name, v, TenantIn(tags))));
        listener.Start();
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));
        var journal = TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null));

        Assert.Equal("applied", (await sessions.SubmitAsync(SpecEvents.Event("agent-m", "m1", "tabCreated", ("tabId", "ctab0")))).Outcome);
        await journal.OnWrite.Fail();
        await Assert.ThrowsAsync<JournalWriteException>(() => sessions.SubmitAsync(SpecEvents.Event("agent-m", "m2", "tabCreated", ("tabId", "ctab1"))));

        var all = measured.ToList();
        var write = Assert.Single(all, m => m.Instrument == "consolecontext.journal.write.duration");
        Assert.InRange(write.Value, 0, 10);
        Assert.Equal(TrackerTelemetry.DefaultTenant, write.Tenant);
        Assert.Equal(1, all.Where(m => m.Instrument == "consolecontext.journal.failures").Sum(m => m.Value));
        Assert.Equal(1, all.Where(m => m.Instrument == "consolecontext.sessions.active").Sum(m => m.Value));
        Assert.All(all, m => Assert.Equal(TrackerTelemetry.DefaultTenant, m.Tenant));
    }

    private static string? TenantIn(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == TrackerTelemetry.TenantTag)
                return tag.Value as string;
        return null;
    }
}
