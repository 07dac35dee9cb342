using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ConsoleContext.Tests.Host;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// Three service processes on one PostgreSQL: events posted through node A, calls found on B and C; node B killed with
/// SIGKILL under load: its sessions re-home to the survivors, recover from the journal, and nothing acknowledged is lost.
/// </summary>
public sealed class ClusterSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private const string IngestKey = "cluster-ingest";
    private const string QueryKey = "cluster-query";
    private const int Sessions = 9;
    private const int KillAfterAcknowledged = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private PostgresServer _postgres = null!;
    private readonly List<string> _directories = [];

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        foreach (var directory in _directories.Where(Directory.Exists))
            Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_killed_node_s_sessions_answer_on_the_survivors_with_every_acknowledged_event_and_the_same_decisions()
    {
        var ports = Enumerable.Range(0, 3).Select(_ => FreePort()).ToList();
        var seed = $"akka.tcp://console-context@127.0.0.1:{ports[0]}";
        var nodes = await Task.WhenAll(ports.Select(port => StartNodeAsync(port, seed)));
        using var a = nodes[0];
        using var b = nodes[1];
        using var c = nodes[2];
        foreach (var node in nodes)
            await Until(async () => (await node.Client(QueryKey).GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "every node Up and ready");

        // Load through A; B and C host about two thirds of the sessions.
        var acknowledged = new ConcurrentDictionary<string, (string Session, string Decision)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Sessions).Select(s => Task.Run(() => PostUntilStopped(a, $"cl-agent-{s}", acknowledged, stop.Token))).ToList();
        while (acknowledged.Count < KillAfterAcknowledged && clients.All(t => !t.IsCompleted))
            await Task.WhenAny(Task.WhenAll(clients), Task.Delay(20));
        Assert.True(acknowledged.Count >= KillAfterAcknowledged, $"only {acknowledged.Count} events were acknowledged before the kill");

        // Every call started so far is found by callId alone on B and C.
        var calls = acknowledged.Values.Select(v => JsonNode.Parse(v.Decision)!["calls"]!.AsArray())
            .SelectMany(list => list.Select(call => (string)call!["callId"]!)).Distinct().ToList();
        Assert.NotEmpty(calls);
        foreach (var call in calls)
        {
            // The owner and the timeline read the same on every node.
            var timelines = new List<string>();
            foreach (var node in new[] { b, c })
            {
                Assert.Equal(HttpStatusCode.OK, (await node.Client(QueryKey).GetAsync($"/v1/calls/{call}")).StatusCode);
                var timeline = await node.Client(QueryKey).GetAsync($"/v1/calls/{call}/timeline");
                Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
                timelines.Add(await timeline.Content.ReadAsStringAsync());
            }
            Assert.NotEmpty(JsonNode.Parse(timelines[0])!.AsArray());
            Assert.Equal(timelines[0], timelines[1]);
        }

        // A decision stream per session, served by A: never silent after the kill (it ends, or it carries new decisions).
        using var streamsStop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, Sessions).Select(s => $"cl-agent-{s}").ToDictionary(s => s, s => new ConcurrentQueue<string>());
        var readers = streams.Select(p => ReadStreamAsync(a, p.Key, p.Value, streamsStop.Token)).ToList();
        await Until(() => Task.FromResult(streams.Values.All(lines => lines.Contains(": subscribed"))), "every decision stream subscribed");

        var killedAt = Stopwatch.StartNew();
        b.KillHard();
        // The load goes on for a while against every session, the dead node's included: until the survivors have acknowledged more.
        var acknowledgedAtKill = acknowledged.Count;
        await Until(() => Task.FromResult(acknowledged.Count >= acknowledgedAtKill + 20), "more events acknowledged after the kill");
        stop.Cancel();
        await Task.WhenAll(clients);

        // Each session answers on C (its own, or re-homed from B and recovered from the journal) within the deadline.
        using var queryC = c.Client(QueryKey);
        foreach (var session in Enumerable.Range(0, Sessions).Select(s => $"cl-agent-{s}"))
            await Until(async () => (await queryC.GetAsync($"/v1/sessions/{session}")).StatusCode == HttpStatusCode.OK, $"session {session} answering on C");
        var rehomed = killedAt.Elapsed;

        // The exported tapes hold every acknowledged event.
        var recovered = new List<string>();
        foreach (var session in Enumerable.Range(0, Sessions).Select(s => $"cl-agent-{s}"))
        {
            string? tape = null;
            await Until(async () =>
            {
                using var response = await queryC.GetAsync($"/v1/sessions/{session}/tape");
                if (response.StatusCode != HttpStatusCode.OK)
                    return false;
                tape = await response.Content.ReadAsStringAsync();
                return true;
            }, $"session {session} answering on C");
            recovered.AddRange(tape!.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        output.WriteLine($"{acknowledged.Count} events acknowledged through A before B was killed; every session answered on C {rehomed.TotalSeconds:0.0} s after the kill");

        var recoveredIds = recovered.Select(l => (string)JsonNode.Parse(l)!["eventId"]!).ToHashSet();
        var lost = acknowledged.Keys.Where(id => !recoveredIds.Contains(id)).ToList();
        output.WriteLine($"lost {lost.Count} acknowledged events");
        Assert.Empty(lost);
        var replayed = (await HostCalls.ReplayLinesAsync(recovered)).ToDictionary(d => (string)JsonNode.Parse(d)!["eventId"]!);
        foreach (var (eventId, (_, decision)) in acknowledged)
            Assert.Equal(decision, replayed[eventId]);

        // A call's entry lives in the calls region, whose shards on B are re-homed on their own first use after the
        // kill (not with the sessions above): each call answers within the same deadline, as each session did.
        using var queryA = a.Client(QueryKey);
        foreach (var call in calls)
        {
            await Until(async () => (await queryC.GetAsync($"/v1/calls/{call}")).StatusCode == HttpStatusCode.OK, $"call {call} answering on C");
            await Until(async () => (await queryC.GetAsync($"/v1/calls/{call}/timeline")).StatusCode == HttpStatusCode.OK, $"call {call}'s timeline on C");
            await Until(async () => (await queryA.GetAsync($"/v1/calls/{call}")).StatusCode == HttpStatusCode.OK, $"call {call} answering on A");
        }
        using var ingestA = a.Client(IngestKey);
        foreach (var session in Enumerable.Range(0, Sessions).Select(s => $"cl-agent-{s}"))
            Assert.Contains("\"outcome\"", await ingestA.PostEventsAsync(
                $"{{\"eventId\":\"{session}-after\",\"sessionId\":\"{session}\",\"type\":\"agentStatusChanged\",\"status\":\"back\"}}"));

        const string Ended = "data: {\"reason\":\"session-stopped\"}";
        foreach (var (session, lines) in streams)
            await Until(() => Task.FromResult(lines.Contains(Ended) || lines.Any(l => l.Contains($"\"{session}-after\""))),
                $"an end event or the new decision on the stream of {session}");
        output.WriteLine($"decision streams that ended with session-stopped: {streams.Values.Count(lines => lines.Contains(Ended))} of {Sessions}");
        await streamsStop.CancelAsync();
        await Task.WhenAll(readers);
    }

    private async Task<HostProcess> StartNodeAsync(int port, string seed)
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-cluster-" + Guid.NewGuid().ToString("N"));
        lock (_directories)
            _directories.Add(data);
        return await HostProcess.StartAsync(data, IngestKey, QueryKey,
            "Storage:Provider=PostgreSQL", $"Storage:ConnectionString={_postgres.ConnectionString}",
            "Cluster:Hostname=127.0.0.1", $"Cluster:Port={port}", $"Cluster:SeedNodes:0={seed}");
    }

    private static async Task Until(Func<Task<bool>> condition, string what) =>
        Assert.True(await Eventually.HoldsAsync(condition, Deadline, TimeSpan.FromMilliseconds(250)), $"no {what} within {Deadline.TotalSeconds} s");

    /// <summary>One agent's activity posted through one node until the test stops it or an answer is not 200.</summary>
    private static async Task PostUntilStopped(HostProcess node, string session, ConcurrentDictionary<string, (string, string)> acknowledged, CancellationToken stop)
    {
        using var client = node.Client(IngestKey);
        var n = 0;
        var retrying = false;
        while (!stop.IsCancellationRequested)
        {
            if (!retrying)
                n++;
            var line = KillNineSpecs.NextEvent(session, n);
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync("/v1/events", new StringContent(line, Encoding.UTF8, "application/json"), stop);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return;
            }
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                // As a bridge does: the same event again after Retry-After (a session or call entry on the killed node
                // answers 503 until the survivors have taken it over).
                retrying = true;
                try
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), stop);
                }
                catch (TaskCanceledException)
                {
                    return;
                }
                continue;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                return;
            var decision = HostCalls.Canonical(await response.Content.ReadAsStringAsync(CancellationToken.None));
            // A retry of an event the first attempt already journaled answers `duplicate`: acknowledged, but its decision
            // was the first attempt's, which only the replay below knows; it is not compared.
            if (!(retrying && JsonNode.Parse(decision)!["outcome"]!.GetValue<string>() == "duplicate"))
                acknowledged[$"{session}-{n}"] = (session, decision);
            retrying = false;
        }
    }

    /// <summary>Reads a session's SSE stream line by line until it ends or the test stops it.</summary>
    private static async Task ReadStreamAsync(HostProcess node, string session, ConcurrentQueue<string> lines, CancellationToken stop)
    {
        using var client = node.Client(QueryKey);
        client.Timeout = Timeout.InfiniteTimeSpan;
        try
        {
            using var response = await client.GetAsync($"/v1/sessions/{session}/decisions", HttpCompletionOption.ResponseHeadersRead, stop);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
                lines.Enqueue(line);
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
