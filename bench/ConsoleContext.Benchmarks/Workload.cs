using ConsoleContext.Host.Simulation;
using ConsoleContext.Protocol;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The simulator's agents as a stream of fresh events: each call to <see cref="Next"/> continues every
/// session where it stopped, so a benchmark iteration never repeats an eventId or goes back in seq.
/// Sessions are interleaved at random, as many browsers would interleave them.
/// </summary>
public sealed class Workload
{
    private readonly AgentScript[] _scripts;
    private readonly Random _random = new(7);

    public Workload(int sessions, string prefix, int tabsPerAgent = 8, double callShare = 0.2)
    {
        _scripts = [.. Enumerable.Range(0, sessions).Select(i => new AgentScript($"{prefix}-{i}", tabsPerAgent, callShare, 1000 + i))];
    }

    public int Sessions => _scripts.Length;

    /// <summary>Tabs and subtabs open over all sessions after the events handed out so far.</summary>
    public int OpenTabs => _scripts.Sum(s => s.OpenTabs);

    /// <summary><paramref name="count"/> events over all sessions; <paramref name="sessionIndex"/> says whose each one is.</summary>
    public ConsoleEvent[] Next(int count, out int[] sessionIndex)
    {
        var events = new ConsoleEvent[count];
        sessionIndex = new int[count];
        for (var i = 0; i < count; i++)
        {
            // Round-robin with a random start keeps every session busy yet interleaved differently each time.
            var s = _scripts.Length == 1 ? 0 : (i + _random.Next(_scripts.Length)) % _scripts.Length;
            events[i] = _scripts[s].Next();
            sessionIndex[i] = s;
        }
        return events;
    }
}
