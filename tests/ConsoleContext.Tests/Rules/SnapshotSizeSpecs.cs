using System.Globalization;
using ConsoleContext.Parsing;
using ConsoleContext.Persistence;
using ConsoleContext.Queries;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// R11: a session's state does not grow with its history. A long, realistic working session (two console windows,
/// bridge reloads, 18-character record ids, GUID event and call ids, a call a minute) is decided event by event, and
/// its snapshot, as the serializer writes it (the rules' state with the calls' ownership timelines), stays under 256 KiB.
/// </summary>
public class SnapshotSizeSpecs(ITestOutputHelper output)
{
    private const int SnapshotLimitBytes = 256 * 1024;

    [Fact]
    public void R11_the_snapshot_of_a_session_stays_under_256_KiB_after_50000_realistic_events()
    {
        var rules = OwnershipRules.Default;
        var state = rules.NewState("005Dn000003XyZaIAK");
        var serializer = new ConsoleContextSerializer(null!);
        var random = new Random(20261129);
        var sizes = new List<int>();
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var timelines = new CallTimelines();

        var count = 0;
        foreach (var line in WorkingSession(random).Take(50_000))
        {
            var e = ConsoleEventParser.Parse(line).Event ?? throw new InvalidOperationException($"generated an invalid line: {line}");
            var ruling = rules.Decide(state, e, e.Header.At!.Value);
            timelines.Record(state, new DecidedFact(e, ruling.Decision, ruling.Changes));
            OwnershipRules.Apply(state, ruling.Changes);
            outcomes[ruling.Decision.Outcome] = outcomes.GetValueOrDefault(ruling.Decision.Outcome) + 1;
            if (++count % 5_000 == 0)
                sizes.Add(serializer.ToBinary(new SessionSnapshotData(state.ToData(), null, timelines.ToData(state))).Length);
        }

        output.WriteLine($"snapshot bytes every 5,000 events: {string.Join(", ", sizes)}; outcomes: {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        output.WriteLine($"remembered: {state.Calls.Count} calls, {state.Tabs.Count} tabs, {state.Streams.Count} streams, {state.SeenEventCount} event ids");
        Assert.Equal(50_000, count);
        Assert.True(outcomes.GetValueOrDefault(Outcomes.Applied) > 25_000, "the generated session should be mostly applied events");
        Assert.Equal(OwnershipSettings.Default.MaxEndedCalls, state.EndedCallCount);
        Assert.Equal(OwnershipSettings.Default.EndedCallsInFull, state.EndedCallIds.Count);
        Assert.All(sizes, size => Assert.True(size < SnapshotLimitBytes, $"snapshot of {size} bytes"));
        Assert.True(state.SeenEventCount <= OwnershipSettings.Default.DedupeCapacity);
        Assert.True(state.Streams.Count <= OwnershipSettings.Default.MaxStreams);
    }

    /// <summary>An agent's day after day: a call a minute or so, each with its record tabs, navigations, hold and hang-up.</summary>
    private static IEnumerable<string> WorkingSession(Random random)
    {
        var at = new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
        var consoles = new[] { "w-1f3a9c", "w-77b0e2" };
        var streams = consoles.ToDictionary(c => c, c => (Id: NewId()[..13], Seq: 0L));
        var tabNumber = 0;

        string Line(string console, string body)
        {
            at = at.AddMilliseconds(random.Next(500, 9_000));
            if (random.Next(400) == 0)
                streams[console] = (NewId()[..13], 0); // the page reloads: a new bridge numbers seq from 1
            var stream = streams[console];
            streams[console] = stream with { Seq = stream.Seq + 1 };
            return $$"""{"eventId":"{{NewId()}}","sessionId":"005Dn000003XyZaIAK","consoleId":"{{console}}","streamId":"{{stream.Id}}","seq":{{stream.Seq + 1}},"at":"{{at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}","{{body}}}""";
        }

        // 18-character ids: a lower-case key prefix and ten digits leave every case bit clear.
        string RecordId(string prefix) => prefix + random.NextInt64(1_000_000_000, 9_999_999_999).ToString(CultureInfo.InvariantCulture) + "AAA";
        string NewId() => new Guid(random.GetItems<byte>([.. Enumerable.Range(0, 256).Select(b => (byte)b)], 16)).ToString();

        while (true)
        {
            var console = consoles[random.Next(consoles.Length)];
            var callId = NewId().ToString();
            var contact = RecordId("0035g");
            var caseId = RecordId("5005g");
            var primary = $"ctab{tabNumber++}";
            var subtab = $"{primary}_{random.Next(1, 9)}";
            var number = $"+1 415 555 {random.Next(1000, 9999)}";

            yield return Line(console, $$"""type":"tabCreated","tabId":"{{primary}}","recordId":"{{contact}}","objectType":"Contact","recordName":"Caller {{tabNumber}}","url":"/lightning/r/Contact/{{contact}}/view" """);
            yield return Line(console, $$"""type":"tabFocused","currentTabId":"{{primary}}" """);
            yield return Line(console, $$"""type":"clickToDial","number":"{{number}} x12","recordId":"{{contact}}","objectType":"Contact" """);
            yield return Line(console, $$"""type":"callStarted","callId":"{{callId}}","callType":"Outbound","phoneNumber":"{{number}}" """);
            yield return Line(console, $$"""type":"callConnected","callId":"{{callId}}" """);
            yield return Line(console, $$"""type":"tabCreated","tabId":"{{subtab}}","parentTabId":"{{primary}}","recordId":"{{caseId}}","objectType":"Case","url":"/lightning/r/Case/{{caseId}}/view" """);
            yield return Line(console, $$"""type":"navigationChanged","url":"/lightning/r/Case/{{caseId}}/view","recordId":"{{caseId[..15]}}","objectType":"Case" """);
            yield return Line(console, $$"""type":"tabUpdated","tabId":"{{subtab}}","title":"Case {{caseId[..8]}}" """);
            if (random.Next(3) == 0)
            {
                yield return Line(console, $$"""type":"callHeld","callId":"{{callId}}" """);
                yield return Line(console, $$"""type":"callResumed","callId":"{{callId}}" """);
            }
            yield return Line(console, $$"""type":"callEnded","callId":"{{callId}}","disposition":"Resolved" """);
            yield return Line(console, $$"""type":"agentStatusChanged","status":"{{(random.Next(2) == 0 ? "Available" : "After Call Work")}}" """);
            if (random.Next(10) > 0)
                yield return Line(console, $$"""type":"tabClosed","tabId":"{{primary}}" """);
        }
    }
}
