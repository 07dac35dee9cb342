using System.Net;
using System.Text.Json.Nodes;
using ConsoleContext.Tests.Host;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ConsoleContext.Tests.Streams;

/// <summary>
/// Decision streams over HTTP: every decision has an id, a reconnect with Last-Event-ID gets everything the journal
/// holds after it (also after a restart), idle streams get heartbeats, keys are capped, and shutdown ends each stream.
/// </summary>
public sealed class DecisionStreamSpecs
{
    private static readonly string[] Walkthrough =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.jsonl")).Where(l => l.Length > 0).ToArray();

    private static async Task<List<string>> PostAsync(HttpClient ingest, params string[] events) =>
        JsonNode.Parse(await ingest.PostEventsAsync("[" + string.Join(",", events) + "]"))!.AsArray().Select(d => d!.ToJsonString()).ToList();

    private static List<string> Data(IEnumerable<SseStream.Item> items) => items.Select(i => HostCalls.Canonical(i.Data!)).ToList();

    [Fact]
    public async Task A_stream_resumed_with_Last_Event_ID_misses_nothing_also_across_a_restart()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            var answers = new List<string>();
            string lastSeen;
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var ingest = host.Client(RunningHost.IngestKey);
                using var stream = await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/agent-7/decisions");
                answers.AddRange(await PostAsync(ingest, Walkthrough[..3]));
                answers.AddRange(await PostAsync(ingest, Walkthrough[3]));
                var seen = await stream.DecisionsAsync(4);
                Assert.Equal(answers.Select(HostCalls.Canonical), Data(seen));
                Assert.Equal(["agent-7/1.1", "agent-7/1.2", "agent-7/1.3", "agent-7/2.1"], seen.Select(s => s.Id));
                // The client got two decisions before its connection dropped; the service went on deciding.
                lastSeen = seen[1].Id!;
                stream.Dispose();
                answers.AddRange(await PostAsync(ingest, Walkthrough[4..7]));
            }

            await using (var restarted = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var ingest = restarted.Client(RunningHost.IngestKey);
                answers.AddRange(await PostAsync(ingest, Walkthrough[7]));
                using var resumed = await SseStream.OpenAsync(restarted.Client(RunningHost.QueryKey), "/v1/sessions/agent-7/decisions", lastSeen);
                Assert.Equal(answers[2..].Select(HostCalls.Canonical), Data(await resumed.DecisionsAsync(answers.Count - 2)));

                // Then live, with nothing repeated.
                answers.AddRange(await PostAsync(ingest, Walkthrough[8]));
                Assert.Equal([HostCalls.Canonical(answers[^1])], Data(await resumed.DecisionsAsync(1)));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_resume_after_the_rules_changed_sends_the_decisions_as_they_were_made_and_the_session_believes_them()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            List<string> answers;
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
                answers = await PostAsync(host.Client(RunningHost.IngestKey), Walkthrough);
            Assert.Equal("bound-by-screen-pop", (string)JsonNode.Parse(answers[3])!["reason"]!);

            // A screen-pop window of 1 ms would leave the call waiting: deciding the journal again would say so.
            await using (var changed = await RunningHost.StartAsync(dataDirectory: data, settings: "ConsoleContext:ScreenPopWindow=00:00:00.001"))
            {
                using var query = changed.Client(RunningHost.QueryKey);
                using var resumed = await SseStream.OpenAsync(query, "/v1/sessions/agent-7/decisions", "agent-7/1.1");
                Assert.Equal(answers[1..].Select(HostCalls.Canonical), Data(await resumed.DecisionsAsync(answers.Count - 1)));
                Assert.Equal("ctab1", (string)JsonNode.Parse(await query.GetStringAsync("/v1/calls/call-42"))!["ownerTabId"]!);

                // The changed rules are in force: the same morning in a new session leaves the call waiting.
                var fresh = await PostAsync(changed.Client(RunningHost.IngestKey), [.. Walkthrough[..4].Select(l => l.Replace("agent-7", "agent-8").Replace("call-42", "call-43"))]);
                Assert.Null(JsonNode.Parse(fresh[3])!["calls"]![0]!["ownerTabId"]);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_tenant_wide_stream_follows_every_session_of_the_tenant_and_resumes_the_same_way()
    {
        string[] keys =
        [
            "Security:ApiKeys:2:Key=acme-ingest", "Security:ApiKeys:2:Roles:0=ingest", "Security:ApiKeys:2:Tenant=acme",
            "Security:ApiKeys:3:Key=acme-query", "Security:ApiKeys:3:Roles:0=query", "Security:ApiKeys:3:Tenant=acme",
        ];
        await using var host = await RunningHost.StartAsync(settings: keys);
        using var acme = host.Client("acme-ingest");
        using var other = host.Client(RunningHost.IngestKey);
        var a = Walkthrough.Select(l => l.Replace("agent-7", "agent-a")).ToArray();
        var b = Walkthrough.Select(l => l.Replace("agent-7", "agent-b")).ToArray();

        var answers = new List<string>();
        var stream = await SseStream.OpenAsync(host.Client("acme-query"), "/v1/decisions");
        for (var i = 0; i < 4; i++)
        {
            answers.AddRange(await PostAsync(acme, a[i]));
            answers.AddRange(await PostAsync(acme, b[i]));
            await PostAsync(other, a[i]);
        }
        var seen = await stream.DecisionsAsync(answers.Count);
        Assert.Equal(answers.Select(HostCalls.Canonical), Data(seen));
        stream.Dispose();

        // The row journaled just before agent-b's fourth is agent-a's fourth: the resume starts exactly after it.
        var lastSeen = seen[7].Id!;
        Assert.Equal("agent-b/4.1", lastSeen);
        for (var i = 4; i < a.Length; i++)
        {
            answers.AddRange(await PostAsync(acme, a[i]));
            answers.AddRange(await PostAsync(acme, b[i]));
        }
        using var resumed = await SseStream.OpenAsync(host.Client("acme-query"), "/v1/decisions", lastSeen);
        Assert.Equal(answers[8..].Select(HostCalls.Canonical), Data(await resumed.DecisionsAsync(answers.Count - 8)));
        answers.AddRange(await PostAsync(acme, """{"eventId":"live","sessionId":"agent-c","type":"tabCreated","tabId":"t"}"""));
        Assert.Equal([HostCalls.Canonical(answers[^1])], Data(await resumed.DecisionsAsync(1)));
    }

    [Fact]
    public async Task A_resume_decides_from_the_snapshot_and_the_rows_after_it_as_the_session_did()
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        // 600 events in one row: the session snapshots after it (every 500 events), so later rows resume from the snapshot.
        // 100 tabs created and re-created (a session holds at most 500 open tabs, R11).
        var opening = Enumerable.Range(0, 600)
            .Select(i => $$"""{"eventId":"o{{i}}","sessionId":"agent-s","type":"tabCreated","tabId":"t{{i % 100}}","at":"2026-11-24T09:00:00Z"}""")
            .ToArray();
        var answers = await PostAsync(ingest, opening);
        foreach (var line in Walkthrough.Select(l => l.Replace("agent-7", "agent-s")))
            answers.AddRange(await PostAsync(ingest, line));

        Assert.True(await SnapshotWrittenAsync(host, "session-agent-s"), "the session wrote no snapshot");

        foreach (var (lastEventId, from) in new[] { ("agent-s/3.1", 602), ("agent-s/1.550", 550), ("agent-s/0.0", 0) })
        {
            using var resumed = await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/agent-s/decisions", lastEventId);
            var expected = answers[from..].Select(HostCalls.Canonical).Where(d => !d.Contains("\"duplicate\"")).ToList();
            Assert.Equal(expected, Data(await resumed.DecisionsAsync(expected.Count)));
        }
    }

    private static async Task<bool> SnapshotWrittenAsync(RunningHost host, string persistenceId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "console-context.db")}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM snapshot WHERE persistence_id = $id";
        count.Parameters.AddWithValue("$id", persistenceId);
        return await Eventually.HoldsAsync(async () => (long)(await count.ExecuteScalarAsync())! > 0, SseStream.Wait);
    }

    [Fact]
    public async Task An_idle_stream_gets_heartbeats()
    {
        await using var host = await RunningHost.StartAsync(settings: "Limits:StreamHeartbeat=00:00:00.200");
        using var stream = await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/idle-agent/decisions");
        Assert.Equal("heartbeat", (await stream.NextAsync()).Comment);
        Assert.Equal("heartbeat", (await stream.NextAsync()).Comment);
    }

    [Fact]
    public async Task A_key_gets_at_most_StreamsPerKey_streams_and_the_next_gets_429()
    {
        await using var host = await RunningHost.StartAsync(settings: "Limits:StreamsPerKey=2");
        using var query = host.Client(RunningHost.QueryKey);
        using var first = await SseStream.OpenAsync(query, "/v1/sessions/s1/decisions");
        using (await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/decisions"))
        {
            using var refused = await SseStream.SendAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/s3/decisions");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Limits:StreamsPerKey", await refused.Content.ReadAsStringAsync());
        }

        // Closing a stream frees its place (the service notices the closed connection asynchronously).
        var deadline = DateTime.UtcNow + SseStream.Wait;
        HttpStatusCode status;
        do
        {
            using var again = await SseStream.SendAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/s3/decisions");
            status = again.StatusCode;
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("/v1/sessions/agent-7/decisions", "agent-8/1.1")]
    [InlineData("/v1/sessions/agent-7/decisions", "agent-7/one")]
    [InlineData("/v1/decisions", "no-position")]
    public async Task A_Last_Event_ID_this_stream_did_not_send_is_400(string path, string lastEventId)
    {
        await using var host = await RunningHost.StartAsync();
        using var response = await SseStream.SendAsync(host.Client(RunningHost.QueryKey), path, lastEventId);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Last-Event-ID", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Limits:StreamsPerKey=0", "Limits:StreamsPerKey must be at least 1")]
    [InlineData("Limits:StreamBuffer=-1", "Limits:StreamBuffer must be at least 1")]
    [InlineData("Limits:StreamHeartbeat=00:00:00", "Limits:StreamHeartbeat must be a positive duration")]
    public async Task A_stream_limit_that_cannot_work_stops_the_start_naming_the_setting(string setting, string expected)
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => RunningHost.StartAsync(settings: setting));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task Shutdown_ends_every_stream_with_an_end_event()
    {
        var host = await RunningHost.StartAsync();
        using var session = await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/sessions/agent-7/decisions");
        using var tenant = await SseStream.OpenAsync(host.Client(RunningHost.QueryKey), "/v1/decisions");
        var stopping = host.DisposeAsync().AsTask();
        foreach (var stream in new[] { session, tenant })
        {
            var end = await stream.NextAsync();
            Assert.Equal("end", end.Event);
            Assert.Equal("""{"reason":"shutdown"}""", end.Data);
        }
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));
    }
}
