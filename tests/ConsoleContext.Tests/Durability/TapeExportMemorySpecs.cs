using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Sql;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Hosting;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// The tape export streams the journal row by row: exporting a 100 MB tape grows the service process (a separate OS
/// process, measured by its resident set) by less than 50 MiB.
/// </summary>
public sealed class TapeExportMemorySpecs(ITestOutputHelper output)
{
    private const string IngestKey = "export-ingest";
    private const string QueryKey = "export-query";
    private const string Session = "big-agent";
    private const long TapeBytes = 100_000_000;
    private const long AllowedGrowthBytes = 50L * 1024 * 1024;
    private const int EventsPerRow = 100;

    /// <summary>Journals rows of events under a session's persistence id, exactly as the session actor writes them.</summary>
    private sealed class RowWriter : ReceivePersistentActor
    {
        public RowWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            Command<EventsAccepted>(row => Persist(row, written => Sender.Tell(written.Events.Count)));
        }

        public override string PersistenceId { get; }
    }

    [Fact]
    public async Task Exporting_a_100_MB_tape_grows_the_service_by_less_than_50_MiB()
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var written = await WriteTapeAsync(data);
            using var host = await HostProcess.StartAsync(data, IngestKey, QueryKey);
            using var query = host.Client(QueryKey);
            query.Timeout = TimeSpan.FromMinutes(5);
            // Warm up the route (JIT, the query journal, connection pools) on a small session first.
            using (var ingest = host.Client(IngestKey))
                await Host.HostCalls.PostEventsAsync(ingest, """{"eventId":"w1","sessionId":"small-agent","type":"tabCreated","tabId":"ctab0"}""");
            Assert.Contains("w1", await query.GetStringAsync("/v1/sessions/small-agent/tape"));

            var before = Memory(host.ProcessId);
            long received = 0, lines = 0;
            using (var response = await query.GetAsync($"/v1/sessions/{Session}/tape", HttpCompletionOption.ResponseHeadersRead))
            {
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer)) > 0)
                {
                    received += read;
                    lines += buffer.AsSpan(0, read).Count((byte)'\n');
                }
            }
            var after = Memory(host.ProcessId);

            var growth = after.PeakBytes - before.ResidentBytes;
            output.WriteLine($"tape {received / 1e6:F1} MB, {lines} events ({written} written); service RSS before {before.ResidentBytes / 1048576.0:F1} MiB " +
                             $"(peak so far {before.PeakBytes / 1048576.0:F1} MiB), peak after the export {after.PeakBytes / 1048576.0:F1} MiB: " +
                             $"grew by at most {growth / 1048576.0:F1} MiB");
            Assert.Equal(written, lines);
            Assert.True(received >= TapeBytes, $"the tape was only {received} bytes");
            Assert.True(growth < AllowedGrowthBytes, $"the export grew the service by {growth / 1048576.0:F1} MiB");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Writes a tape of a little over <see cref="TapeBytes"/> (as exported) into the data directory's journal; returns its event count.</summary>
    private static async Task<long> WriteTapeAsync(string data)
    {
        Directory.CreateDirectory(data);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "console-context.db") }.ToString();
        var config = ConsoleContextConfig.Serialization
            .WithFallback(ConsoleContextConfig.SqlPersistence("SQLite.MS", connectionString))
            .WithFallback(SqlPersistence.DefaultConfiguration);
        using var system = ActorSystem.Create("tape-writer", config);
        var writer = system.ActorOf(Props.Create(() => new RowWriter(new SessionKey(SessionKey.DefaultTenant, Session).PersistenceId(""))));
        var url = "https://example.my.salesforce.com/lightning/r/Account/001A000001/view?" + new string('q', 1000);
        var at = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        var sample = ConsoleEventJson.Write(Event(0));
        var count = TapeBytes / (sample.Length + 1) + 1;
        for (long first = 0; first < count; first += EventsPerRow)
        {
            var row = new EventsAccepted([.. Enumerable.Range(0, (int)Math.Min(EventsPerRow, count - first)).Select(i => Event(first + i))]);
            await writer.Ask<int>(row, TimeSpan.FromSeconds(30));
        }
        await system.Terminate();
        return count;

        ConsoleEvent Event(long i) => new ConsoleEvents.TabCreated(new EventHeader($"e{i:D7}", Session, null, at.AddMilliseconds(i)), $"ctab{i:D7}", null, null, url);
    }

    private readonly record struct ProcessMemory(long ResidentBytes, long PeakBytes);

    /// <summary>VmRSS and VmHWM (the peak resident set) from /proc.</summary>
    private static ProcessMemory Memory(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return new ProcessMemory(Kib("VmRSS:") * 1024, Kib("VmHWM:") * 1024);

        long Kib(string field) => long.Parse(status.Single(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0]);
    }
}
