using System.Diagnostics;
using System.Net;
using ConsoleContext.Tests.Host;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>The service on PostgreSQL (<c>Storage:Provider=PostgreSQL</c>): tables made at first start, sessions that outlive the node, readiness that follows the journal.</summary>
public sealed class PostgresJournalSpecs : IAsyncLifetime
{
    private static readonly string Walkthrough = Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.jsonl");
    private static readonly TimeSpan ReadinessDeadline = TimeSpan.FromSeconds(30);
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    private Task<RunningHost> StartHostAsync() =>
        RunningHost.StartAsync(settings: ["Storage:Provider=PostgreSQL", $"Storage:ConnectionString={_postgres.ConnectionString}"]);

    [Fact]
    public async Task A_fresh_database_gets_its_tables_and_another_node_answers_what_the_first_journaled()
    {
        var lines = File.ReadLines(Walkthrough).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var expected = await HostCalls.ReplayLinesAsync(lines);
        var live = new List<string>();
        string callBefore;
        await using (var first = await StartHostAsync())
        {
            using var ingest = first.Client(RunningHost.IngestKey);
            foreach (var line in lines)
                live.Add(HostCalls.Canonical(await ingest.PostEventsAsync(line)));
            using var query = first.Client(RunningHost.QueryKey);
            callBefore = await query.GetStringAsync("/v1/calls/call-42");
        }
        Assert.Equal(expected, live);

        // Another node (its own data directory) on the same database: the session recovers from PostgreSQL.
        await using var second = await StartHostAsync();
        using var query2 = second.Client(RunningHost.QueryKey);
        Assert.Equal(callBefore, await query2.GetStringAsync("/v1/calls/call-42"));
        using var ingest2 = second.Client(RunningHost.IngestKey);
        Assert.Contains("\"duplicate\"", await ingest2.PostEventsAsync(lines[0]));
    }

    [Fact]
    public async Task Readiness_is_lost_while_the_journal_refuses_writes_and_comes_back_when_it_takes_them()
    {
        await using var host = await StartHostAsync();
        using var client = host.Client();
        await ReadinessBecomesAsync(client, HttpStatusCode.OK);

        await _postgres.StopAsync();
        await ReadinessBecomesAsync(client, HttpStatusCode.ServiceUnavailable);

        await _postgres.RestartAsync();
        await ReadinessBecomesAsync(client, HttpStatusCode.OK);
        using var ingest = host.Client(RunningHost.IngestKey);
        Assert.Contains("\"applied\"", await ingest.PostEventsAsync(File.ReadLines(Walkthrough).First()));
    }

    private static async Task ReadinessBecomesAsync(HttpClient client, HttpStatusCode wanted)
    {
        var last = HttpStatusCode.OK;
        var reached = await Eventually.HoldsAsync(async () =>
        {
            using var response = await client.GetAsync("/health/ready");
            last = response.StatusCode;
            return last == wanted;
        }, ReadinessDeadline, TimeSpan.FromMilliseconds(200));
        Assert.True(reached, $"/health/ready stayed {(int)last} for {ReadinessDeadline.TotalSeconds} s, expected {(int)wanted}");
    }
}
