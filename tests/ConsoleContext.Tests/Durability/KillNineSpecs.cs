using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ConsoleContext.Tests.Host;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// A SIGKILL in the middle of concurrent load loses nothing that was acknowledged: every event whose decision
/// a client received is in the exported tapes after a restart, and replaying them gives the same decisions.
/// </summary>
public sealed class KillNineSpecs(ITestOutputHelper output)
{
    private const string IngestKey = "kill-ingest";
    private const string QueryKey = "kill-query";
    private const int Clients = 4;
    private const int KillAfterAcknowledged = 400;

    [Fact]
    public async Task Every_acknowledged_event_survives_a_kill_minus_nine_and_replays_to_the_same_decisions()
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            var acknowledged = new ConcurrentDictionary<string, (string Session, string Decision)>();
            using (var host = await HostProcess.StartAsync(data, IngestKey, QueryKey))
            {
                using var stop = new CancellationTokenSource();
                var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => PostUntilStopped(host, $"kill-agent-{c}", acknowledged, stop.Token))).ToList();
                while (acknowledged.Count < KillAfterAcknowledged && clients.All(t => !t.IsCompleted))
                    await Task.WhenAny(Task.WhenAll(clients), Task.Delay(20));
                host.KillHard();
                stop.Cancel();
                await Task.WhenAll(clients);
            }
            Assert.True(acknowledged.Count >= KillAfterAcknowledged, $"only {acknowledged.Count} events were acknowledged before the kill");

            var recovered = new List<string>();
            using (var host = await HostProcess.StartAsync(data, IngestKey, QueryKey))
            {
                using var query = host.Client(QueryKey);
                foreach (var session in acknowledged.Values.Select(a => a.Session).Distinct())
                    recovered.AddRange((await query.GetStringAsync($"/v1/sessions/{session}/tape")).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            var recoveredIds = recovered.Select(l => (string)JsonNode.Parse(l)!["eventId"]!).ToHashSet();
            var lost = acknowledged.Keys.Where(id => !recoveredIds.Contains(id)).ToList();
            output.WriteLine($"acknowledged {acknowledged.Count} events from {Clients} concurrent clients before SIGKILL; " +
                             $"recovered {recovered.Count} (incl. unacknowledged in-flight ones); lost {lost.Count}");
            Assert.Empty(lost);

            var replayed = await HostCalls.ReplayLinesAsync(recovered);
            var replayedById = replayed.ToDictionary(d => (string)JsonNode.Parse(d)!["eventId"]!);
            foreach (var (eventId, (_, decision)) in acknowledged)
                Assert.Equal(decision, replayedById[eventId]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>One agent's plausible console activity, posted event by event until the host dies or the test stops it.</summary>
    private static async Task PostUntilStopped(HostProcess host, string session, ConcurrentDictionary<string, (string, string)> acknowledged, CancellationToken stop)
    {
        using var client = host.Client(IngestKey);
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            n++;
            var line = NextEvent(session, n);
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync("/v1/events", new StringContent(line, Encoding.UTF8, "application/json"), stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return; // the host died: this event was never acknowledged
            }
            if (response.StatusCode != HttpStatusCode.OK)
                return;
            var decision = HostCalls.Canonical(await response.Content.ReadAsStringAsync(CancellationToken.None));
            acknowledged[$"{session}-{n}"] = (session, decision);
        }
    }

    internal static string NextEvent(string session, int n)
    {
        var id = $"{session}-{n}";
        var tab = $"ctab{n % 5}";
        var call = $"{session}-call-{n / 12}";
        var body = (n % 12) switch
        {
            1 or 7 => $"\"type\":\"tabCreated\",\"tabId\":\"{tab}\",\"recordId\":\"003{n:D7}\",\"objectType\":\"Contact\"",
            2 or 8 => $"\"type\":\"tabFocused\",\"currentTabId\":\"{tab}\"",
            3 => $"\"type\":\"clickToDial\",\"number\":\"+1 415 555 {n % 10000:D4}\"",
            4 => $"\"type\":\"callStarted\",\"callId\":\"{call}\",\"callType\":\"outbound\",\"phoneNumber\":\"415555{n % 10000:D4}\"",
            5 => $"\"type\":\"callConnected\",\"callId\":\"{call}\"",
            6 or 9 => $"\"type\":\"navigationChanged\",\"url\":\"/r/{n}\",\"recordId\":\"500{n:D7}\",\"objectType\":\"Case\"",
            10 => $"\"type\":\"tabClosed\",\"tabId\":\"{tab}\"",
            11 => $"\"type\":\"callEnded\",\"callId\":\"{call}\"",
            _ => $"\"type\":\"agentStatusChanged\",\"status\":\"s{n}\"",
        };
        return $"{{\"eventId\":\"{id}\",\"sessionId\":\"{session}\",\"seq\":{n},{body}}}";
    }
}
