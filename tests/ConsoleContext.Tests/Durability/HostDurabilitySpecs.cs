using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Host.Commands;
using ConsoleContext.Tests.Host;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>Sessions survive restarts on the SQLite journal, export replayable tapes, and a broken row only breaks its own session.</summary>
public sealed class HostDurabilitySpecs
{
    private static readonly string Walkthrough = Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.jsonl");

    [Fact]
    public async Task A_restart_on_the_same_data_directory_answers_and_decides_as_if_it_never_happened()
    {
        var lines = File.ReadLines(Walkthrough).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var uninterrupted = await HostCalls.ReplayLinesAsync(lines);
        var data = RunningHost.NewDataDirectory();
        try
        {
            var live = new List<string>();
            string snapshotBefore, callBefore;
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var ingest = host.Client(RunningHost.IngestKey);
                foreach (var line in lines.Take(5))
                    live.Add(HostCalls.Canonical(await HostCalls.PostEventsAsync(ingest, line)));
                using var query = host.Client(RunningHost.QueryKey);
                snapshotBefore = await query.GetStringAsync("/v1/sessions/agent-7");
                callBefore = await query.GetStringAsync("/v1/calls/call-42");
            }

            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var query = host.Client(RunningHost.QueryKey);
                Assert.Equal(snapshotBefore, await query.GetStringAsync("/v1/sessions/agent-7"));
                Assert.Equal(callBefore, await query.GetStringAsync("/v1/calls/call-42"));
                using var ingest = host.Client(RunningHost.IngestKey);
                foreach (var line in lines.Skip(5))
                    live.Add(HostCalls.Canonical(await HostCalls.PostEventsAsync(ingest, line)));
                // Re-sending an event acknowledged before the restart is still recognised as a duplicate.
                var again = JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, lines[0]))!;
                Assert.Equal("duplicate", (string)again["outcome"]!);
            }
            Assert.Equal(uninterrupted, live);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_exported_tape_replays_to_the_live_decisions_of_the_accepted_events()
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);
        // No `at` on most lines: the export must carry the arrival times for the windows to decide the same.
        string[] lines =
        [
            """{"eventId":"t1","sessionId":"agent-4","type":"tabCreated","tabId":"ctab0","recordId":"003P","objectType":"Contact","seq":1}""",
            """{"eventId":"t2","sessionId":"agent-4","type":"tabFocused","currentTabId":"ctab0","seq":2}""",
            """{"eventId":"t3","sessionId":"agent-4","type":"clickToDial","number":"+1 415 555 0100","seq":3}""",
            """{"eventId":"t3","sessionId":"agent-4","type":"clickToDial","number":"+1 415 555 0100","seq":4}""",
            """{"eventId":"t4","sessionId":"agent-4","type":"callStarted","callId":"c9","callType":"outbound","phoneNumber":"4155550100","seq":5}""",
            """{"eventId":"t5","sessionId":"agent-4","type":"tabClosed","seq":6}""",
            """{"eventId":"t6","sessionId":"agent-4","type":"navigationChanged","url":"/x","seq":2}""",
            """{"eventId":"t7","sessionId":"agent-4","type":"callStarted","callId":"c9","callType":"outbound","seq":7}""",
            """{"eventId":"t8","sessionId":"agent-4","type":"tabCreated","tabId":"ctab1","recordId":"500Q","seq":8}""",
            """{"eventId":"t9","sessionId":"agent-4","type":"callEnded","callId":"c9","seq":9}""",
        ];
        var live = new List<JsonNode>();
        foreach (var line in lines)
            live.Add(JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, line))!);
        Assert.Equal("bound-by-click-to-dial", (string)live[4]["reason"]!);

        using var query = host.Client(RunningHost.QueryKey);
        var tape = await query.GetStringAsync("/v1/sessions/agent-4/tape");
        var accepted = live.Where(IsAccepted).Select(d => HostCalls.Canonical(d.ToJsonString())).ToList();
        Assert.Equal(7, accepted.Count);
        Assert.Equal(accepted, await HostCalls.ReplayLinesAsync(tape.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(HttpStatusCode.NotFound, (await query.GetAsync("/v1/sessions/nobody/tape")).StatusCode);
    }

    [Fact]
    public async Task An_unreadable_journal_row_breaks_only_its_own_session_with_a_clear_error()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var ingest = host.Client(RunningHost.IngestKey);
                await HostCalls.PostEventsAsync(ingest, """{"eventId":"a1","sessionId":"broken","type":"tabCreated","tabId":"ctab0"}""");
                await HostCalls.PostEventsAsync(ingest, """{"eventId":"b1","sessionId":"healthy","type":"tabCreated","tabId":"ctab0"}""");
            }

            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "console-context.db")}"))
            {
                await connection.OpenAsync();
                var command = connection.CreateCommand();
                command.CommandText = "UPDATE journal SET message = X'7B6E6F74' WHERE persistence_id = 'session-broken'";
                Assert.Equal(1, await command.ExecuteNonQueryAsync());
            }
            SqliteConnection.ClearAllPools();

            await using (var host = await RunningHost.StartAsync(dataDirectory: data, settings: ["Limits:AskTimeout=00:00:03"]))
            {
                using var query = host.Client(RunningHost.QueryKey);
                var broken = await query.GetAsync("/v1/sessions/broken");
                Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
                Assert.Contains("cannot be recovered", await broken.Content.ReadAsStringAsync());
                // Its decision stream says so too, instead of opening a stream that stays silent.
                var stream = await query.GetAsync("/v1/sessions/broken/decisions", HttpCompletionOption.ResponseHeadersRead);
                Assert.Equal(HttpStatusCode.InternalServerError, stream.StatusCode);
                Assert.Contains("cannot be recovered", await stream.Content.ReadAsStringAsync());

                Assert.Equal(HttpStatusCode.OK, (await query.GetAsync("/v1/sessions/healthy")).StatusCode);
                using var ingest = host.Client(RunningHost.IngestKey);
                var next = JsonNode.Parse(await HostCalls.PostEventsAsync(ingest, """{"eventId":"b2","sessionId":"healthy","type":"tabFocused","currentTabId":"ctab0"}"""))!;
                Assert.Equal("ignored", (string)next["outcome"]!);
                Assert.Equal("no-active-call", (string)next["reason"]!);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    internal static bool IsAccepted(JsonNode decision)
    {
        var outcome = (string)decision["outcome"]!;
        return outcome is "applied" or "ignored" || outcome == "duplicate" && decision["reason"] is not null;
    }
}
