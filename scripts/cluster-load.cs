// The load of scripts/cluster-bench.sh: CLIENTS agents, each posting its own session's events one at a time, spread over the
// given nodes for SECONDS; prints throughput and latency. Usage: dotnet run scripts/cluster-load.cs -- SECONDS CLIENTS URL...
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
// args: seconds clients url1 [url2 ...]
var seconds = int.Parse(args[0]); var clients = int.Parse(args[1]); var urls = args[2..];
var latencies = new List<double>(); var ok = 0L; var failed = 0L;
var stopAt = Stopwatch.StartNew();
var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
{
    using var http = new HttpClient { BaseAddress = new Uri(urls[c % urls.Length]), Timeout = TimeSpan.FromSeconds(30) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "demo-ingest");
    var session = $"bench-{Guid.NewGuid():N}".Substring(0, 20);
    var n = 0; var local = new List<double>();
    while (stopAt.Elapsed.TotalSeconds < seconds)
    {
        n++;
        var body = (n % 6) switch
        {
            1 => $"\"type\":\"tabCreated\",\"tabId\":\"ctab{n % 5}\",\"recordId\":\"003{n:D7}\"",
            2 => $"\"type\":\"tabFocused\",\"currentTabId\":\"ctab{n % 5}\"",
            3 => $"\"type\":\"callStarted\",\"callId\":\"{session}-c{n}\",\"callType\":\"inbound\"",
            4 => $"\"type\":\"callConnected\",\"callId\":\"{session}-c{n - 1}\"",
            5 => $"\"type\":\"callEnded\",\"callId\":\"{session}-c{n - 2}\"",
            _ => $"\"type\":\"navigationChanged\",\"url\":\"/r/{n}\",\"recordId\":\"500{n:D7}\"",
        };
        var json = $"{{\"eventId\":\"{session}-{n}\",\"sessionId\":\"{session}\",\"seq\":{n},{body}}}";
        var t = Stopwatch.GetTimestamp();
        try
        {
            using var r = await http.PostAsync("/v1/events", new StringContent(json, Encoding.UTF8, "application/json"));
            if (r.IsSuccessStatusCode) { Interlocked.Increment(ref ok); local.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds); }
            else Interlocked.Increment(ref failed);
        }
        catch { Interlocked.Increment(ref failed); }
    }
    lock (latencies) latencies.AddRange(local);
})).ToArray();
await Task.WhenAll(tasks);
latencies.Sort();
double P(double q) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
Console.WriteLine($"nodes={urls.Length} clients={clients} seconds={seconds} ok={ok} failed={failed} rate={ok / (double)seconds:0} ev/s p50={P(0.5):0.0} ms p99={P(0.99):0.0} ms");
