using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using ConsoleContext.Tests.Host;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// SIGTERM in the middle of a batch: the batch is answered in full, its events are written, the open decision
/// stream ends with <c>event: end</c>, and the process exits 0 within 5 s of that last answer.
/// </summary>
public sealed class ShutdownSpecs(ITestOutputHelper output)
{
    private const string IngestKey = "shutdown-ingest";
    private const string QueryKey = "shutdown-query";
    private const int Sessions = 150;

    [Fact]
    public async Task Sigterm_answers_the_in_flight_batch_ends_the_stream_and_exits_within_5_s_of_the_last_answer()
    {
        var data = Path.Combine(Path.GetTempPath(), "cc-shutdown-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Every session is new, so the batch spends its time creating and journaling entities: long enough to signal into.
            var batch = "[" + string.Join(",", Enumerable.Range(0, Sessions).Select(i =>
                $$"""{"eventId":"s{{i}}","sessionId":"stop-{{i}}","type":"tabCreated","tabId":"ctab0"}""")) + "]";
            var clock = Stopwatch.StartNew();
            TimeSpan signalled, answered, exited;
            string[] decisions;
            var streamEvents = new List<string>();
            // A loaded test machine can take seconds for the batch: the default 5 s ask timeout would answer 503 whether or not it stops.
            using (var host = await HostProcess.StartAsync(data, IngestKey, QueryKey, "Limits:AskTimeout=00:00:30"))
            {
                using var query = host.Client(QueryKey);
                using var stream = await query.GetStreamAsync("/v1/sessions/stop-0/decisions");
                using var reader = new StreamReader(stream);
                Assert.Equal(": subscribed", await reader.ReadLineAsync());
                var streamRead = Task.Run(async () =>
                {
                    while (await reader.ReadLineAsync() is { } line)
                        if (line.StartsWith("event: ", StringComparison.Ordinal) || line.StartsWith("data: ", StringComparison.Ordinal))
                            lock (streamEvents)
                                streamEvents.Add(line);
                });

                using var ingest = host.Client(IngestKey);
                var posted = ingest.PostAsync("/v1/events", HostCalls.Json(batch));
                // stop-0's decision on the stream proves the batch is being decided.
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (!HasDecision(streamEvents) && DateTime.UtcNow < deadline && !posted.IsCompleted)
                    await Task.WhenAny(posted, streamRead, Task.Delay(5));
                host.Terminate();
                signalled = clock.Elapsed;

                var response = await posted;
                answered = clock.Elapsed;
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                decisions = [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(d => d!.ToJsonString())];
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(30)));
                exited = clock.Elapsed;
                await streamRead.WaitAsync(TimeSpan.FromSeconds(5));
            }
            output.WriteLine($"SIGTERM at {signalled.TotalMilliseconds:F0} ms, batch of {Sessions} answered at {answered.TotalMilliseconds:F0} ms, " +
                             $"process exited at {exited.TotalMilliseconds:F0} ms ({(exited - answered).TotalMilliseconds:F0} ms after the answer)");

            Assert.True(answered > signalled, "the batch was answered before the signal, so it proves nothing about in-flight requests");
            Assert.Equal(Sessions, decisions.Length);
            Assert.All(decisions, d => Assert.Contains("\"outcome\":\"applied\"", d));
            Assert.True(exited - answered < TimeSpan.FromSeconds(5), $"exited {(exited - answered).TotalSeconds:F1} s after the last answer");
            Assert.Equal(["event: end", "data: {\"reason\":\"shutdown\"}"], streamEvents[^2..]);

            using var again = await HostProcess.StartAsync(data, IngestKey, QueryKey);
            using var reader2 = again.Client(QueryKey);
            foreach (var i in new[] { 0, 1, Sessions / 2, Sessions - 1 })
                Assert.Contains($"\"eventId\":\"s{i}\"", await reader2.GetStringAsync($"/v1/sessions/stop-{i}/tape"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    private static bool HasDecision(List<string> events)
    {
        lock (events)
            return events.Contains("event: decision");
    }
}
