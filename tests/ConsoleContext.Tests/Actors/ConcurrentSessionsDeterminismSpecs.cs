using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

public sealed class ConcurrentSessionsDeterminismSpecs : TrackerTestKit
{
    private const int Sessions = 8;
    private const int EventsPerSession = 60;
    private const int Runs = 3;

    private static readonly string[] Tabs = ["ctab0", "ctab1", "ctab0_1", "ctab2"];
    private static readonly string[] Records = ["001A", "003C", "500X"];
    private static readonly string[] Numbers = ["+1 (415) 555-0100", "4155550101"];
    private static readonly string[] Calls = ["c1", "c2", "c3"];

    [Fact]
    public async Task Concurrent_sessions_decide_exactly_as_the_pure_rules_in_per_session_order()
    {
        var streams = Enumerable.Range(0, Sessions).Select(i => Stream($"agent-{i}", seed: 1000 + i)).ToList();
        var expected = streams.Select(DecideWithPureRules).ToList();

        var allExpected = expected.SelectMany(d => d).ToList();
        Assert.Equal(Sessions * EventsPerSession, allExpected.Count);
        // The streams must exercise the interesting paths, or equality would prove little.
        Assert.Superset(new HashSet<string> { Outcomes.Applied, Outcomes.Ignored, Outcomes.Duplicate, Outcomes.Stale },
            allExpected.Select(d => d.Outcome).ToHashSet());
        Assert.True(allExpected.Select(d => d.Reason).Distinct().Count() >= 8, "the streams hit too few rules");
        Assert.True(allExpected.Select(d => d.Reason).Where(r => r?.StartsWith("bound-by-", StringComparison.Ordinal) == true).Distinct().Count() >= 3,
            "the streams bind calls in too few ways");

        for (var run = 0; run < Runs; run++)
        {
            var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), $"sessions-{run}");
            var actual = await Task.WhenAll(streams.Select(stream => Task.Run(() => SendInOrder(sessions, stream))));

            for (var s = 0; s < Sessions; s++)
                Assert.Equal(expected[s].Select(Wire), actual[s].Select(Wire));
        }
    }

    [Fact]
    public async Task Two_sessions_fed_the_same_stream_concurrently_decide_alike()
    {
        var left = Stream("agent-left", seed: 7);
        var right = Stream("agent-right", seed: 7);
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default));

        var both = await Task.WhenAll(Task.Run(() => SendInOrder(sessions, left)), Task.Run(() => SendInOrder(sessions, right)));

        static string Anonymous(Decision d) => Wire(d with { SessionId = null, EventId = d.EventId![(d.SessionId!.Length + 1)..] });
        Assert.Equal(both[0].Select(Anonymous), both[1].Select(Anonymous));
        Assert.Contains(both[0], d => d.Calls.Any(c => c.OwnerTabId is not null));
    }

    /// <summary>Sends the whole stream without waiting for answers; order within the session is the send order.</summary>
    private static async Task<Decision[]> SendInOrder(IActorRef sessions, IReadOnlyList<ConsoleEvent> stream)
    {
        var pending = new List<Task<Decision>>(stream.Count);
        foreach (var e in stream)
            pending.Add(sessions.SubmitAsync(e));
        return await Task.WhenAll(pending);
    }

    private static List<Decision> DecideWithPureRules(IReadOnlyList<ConsoleEvent> stream)
    {
        var state = new SessionState(stream[0].SessionId);
        var decisions = new List<Decision>();
        foreach (var e in stream)
        {
            // Every generated event carries `at`, so arrival time never matters.
            var ruling = OwnershipRules.Default.Decide(state, e, DateTimeOffset.UnixEpoch);
            if (ruling.Accepted)
                OwnershipRules.Apply(state, ruling.Changes);
            decisions.Add(ruling.Decision);
        }
        return decisions;
    }

    /// <summary>A pseudo-random but reproducible console session: tabs, navigation, clicks, calls, replays and reordering.</summary>
    private static List<ConsoleEvent> Stream(string sessionId, int seed)
    {
        var random = new Random(seed);
        var events = new List<ConsoleEvent>();
        var at = T0;
        long seq = 0;
        T Pick<T>(T[] items) => items[random.Next(items.Length)];
        // State events mostly name calls this stream started, so that few calls are adopted (R6) before their callStarted.
        var started = new List<string>();
        string KnownCall() => started.Count > 0 && random.Next(4) > 0 ? started[random.Next(started.Count)] : $"{Pick(Calls)}-{random.Next(3)}";
        string NewCall() { var id = $"{Pick(Calls)}-{random.Next(3)}"; started.Add(id); return id; }

        while (events.Count < EventsPerSession)
        {
            at = at.AddSeconds(random.Next(1, 25));
            var id = $"{sessionId}-e{events.Count}";
            var roll = random.Next(100);
            if (roll < 6 && events.Count > 0)
            {
                events.Add(events[random.Next(events.Count)]);
                continue;
            }
            var late = random.Next(12) == 0 && seq > 2;
            (string, object?) Seq() => late ? ("seq", seq - random.Next(1, 3)) : ("seq", ++seq);
            var when = ("at", (object?)at);
            var tab = Pick(Tabs);
            var parent = tab == "ctab0_1" ? "ctab0" : null;
            events.Add((roll % 12) switch
            {
                0 => Event(sessionId, id, "tabCreated", ("tabId", tab), ("parentTabId", parent), ("recordId", Pick(Records)), Seq(), when),
                1 => Event(sessionId, id, "tabFocused", ("currentTabId", tab), Seq(), when),
                2 => Event(sessionId, id, "tabClosed", ("tabId", tab), Seq(), when),
                3 => Event(sessionId, id, "navigationChanged", ("url", $"/r/{id}"), ("recordId", Pick(Records)),
                    ("tabId", random.Next(2) == 0 ? tab : null), Seq(), when),
                4 => Event(sessionId, id, "clickToDial", ("number", Pick(Numbers)), ("recordId", Pick(Records)), Seq(), when),
                5 or 6 => Event(sessionId, id, "callStarted", ("callId", NewCall()), ("callType", "inbound"),
                    ("phoneNumber", Pick(Numbers)), ("recordId", random.Next(2) == 0 ? Pick(Records) : null), Seq(), when),
                7 => Event(sessionId, id, "callConnected", ("callId", KnownCall()), Seq(), when),
                8 => Event(sessionId, id, "callEnded", ("callId", $"{Pick(Calls)}-{random.Next(3)}"), Seq(), when),
                9 => Event(sessionId, id, "callClaimed", ("callId", $"{Pick(Calls)}-{random.Next(3)}"), ("tabId", tab), Seq(), when),
                10 => Event(sessionId, id, "tabReplaced", ("tabId", tab), ("recordId", Pick(Records)), Seq(), when),
                _ => random.Next(8) == 0
                    ? Event(sessionId, id, "sessionEnded", Seq(), when)
                    : Event(sessionId, id, "tabRefreshed", ("tabId", tab), Seq(), when),
            });
        }
        return events;
    }
}
