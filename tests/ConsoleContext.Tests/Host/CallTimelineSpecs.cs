using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>
/// <c>GET /v1/calls/{callId}/timeline</c> (spec §5): every change of the call's owner or state, oldest first, built from
/// the journaled facts, so it reads the same after a restart.
/// </summary>
public sealed class CallTimelineSpecs
{
    private static readonly string Walkthrough = Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.jsonl");

    private const string Expected =
        """[{"at":"2026-11-24T09:01:00+00:00","eventId":"w3","state":"ringing","ownerTabId":null,"ownerConsoleId":null,"reason":"pending-owner"},""" +
        """{"at":"2026-11-24T09:01:02+00:00","eventId":"w4","state":"ringing","ownerTabId":"ctab1","ownerConsoleId":null,"reason":"bound-by-screen-pop"},""" +
        """{"at":"2026-11-24T09:01:05+00:00","eventId":"w5","state":"connected","ownerTabId":"ctab1","ownerConsoleId":null,"reason":null},""" +
        """{"at":"2026-11-24T09:05:00+00:00","eventId":"w9","state":"ended","ownerTabId":"ctab1","ownerConsoleId":null,"reason":null}]""";

    [Fact]
    public async Task The_timeline_lists_each_change_of_owner_or_state_and_reads_the_same_after_a_restart()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            await using (var host = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var ingest = host.Client(RunningHost.IngestKey);
                foreach (var line in File.ReadLines(Walkthrough).Where(l => !string.IsNullOrWhiteSpace(l)))
                    await ingest.PostEventsAsync(line);
                using var query = host.Client(RunningHost.QueryKey);
                Assert.Equal(Expected, await query.GetStringAsync("/v1/calls/call-42/timeline"));
                Assert.Equal(HttpStatusCode.NotFound, (await query.GetAsync("/v1/calls/call-43/timeline")).StatusCode);
                var bad = await query.GetAsync("/v1/calls/c%0A/timeline");
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Contains("callId", (string)JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["detail"]!);
            }

            await using (var restarted = await RunningHost.StartAsync(dataDirectory: data))
            {
                using var query = restarted.Client(RunningHost.QueryKey);
                Assert.Equal(Expected, await query.GetStringAsync("/v1/calls/call-42/timeline"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }
}
