using System.Diagnostics;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;

namespace ConsoleContext.Host.Simulation;

/// <summary>
/// Drives a slice of the simulated agents against the session entry point and checks every answer.
/// Each agent's events leave in order and its answers come back in order, so the head of the agent's
/// in-flight queue is the event an answer must belong to.
/// </summary>
public sealed class SimulationDriver : ReceiveActor, IWithTimers
{
    public sealed record Go;
    public sealed record StopSending;
    /// <summary>The warm-up is over: latency, sent and decided counts start again from here.</summary>
    public sealed record StartMeasuring;
    public sealed record Collect;
    public sealed record Result(LatencyRecorder Latency, long Sent, long Decisions, long Violations, long Unanswered,
        IReadOnlyList<string> Samples, int OpenTabs, IReadOnlyDictionary<string, long> Outcomes);
    private sealed record Tick;

    private sealed class Agent(AgentScript script)
    {
        public AgentScript Script { get; } = script;
        public InvariantChecker Checker { get; } = new();
        public Queue<(ConsoleEvent Event, long SentAt)> InFlight { get; } = new();
    }

    private const int MaxInFlightPerAgent = 64;
    private const int MaxSamples = 10;
    private readonly IActorRef _sessions;
    private readonly SimulationProgress _progress;
    private readonly double _eventsPerSecond;
    private readonly int _window;
    private readonly Agent[] _agents;
    private readonly Dictionary<string, Agent> _bySession = new(StringComparer.Ordinal);
    private readonly List<string> _samples = [];
    private readonly Dictionary<string, long> _outcomes = new(StringComparer.Ordinal);
    private LatencyRecorder _latency = new(Stopwatch.GetTimestamp());
    private long _startedAt;
    private long _sent;
    private long _decisions;
    private long _measuredSent;
    private long _measuredDecisions;
    private long _violations;
    private int _next;
    private bool _sending;

    public SimulationDriver(IActorRef sessions, IReadOnlyList<AgentScript> scripts, double eventsPerSecond, int window, SimulationProgress progress)
    {
        _sessions = sessions;
        _progress = progress;
        _eventsPerSecond = eventsPerSecond;
        _window = window;
        _agents = [.. scripts.Select(s => new Agent(s))];
        foreach (var agent in _agents)
            _bySession[agent.Script.SessionId] = agent;

        Receive<Go>(_ => Start());
        Receive<Tick>(_ => SendDue());
        Receive<Decision>(OnDecision);
        Receive<Status.Failure>(f => Violation($"the tracker failed an event: {f.Cause.Message}"));
        Receive<StopSending>(_ =>
        {
            _sending = false;
            Timers.CancelAll();
        });
        Receive<StartMeasuring>(_ =>
        {
            _latency = new LatencyRecorder(Stopwatch.GetTimestamp());
            _measuredSent = 0;
            _measuredDecisions = 0;
        });
        Receive<Collect>(_ => Sender.Tell(new Result(_latency, _measuredSent, _measuredDecisions, _violations,
            _agents.Sum(a => a.InFlight.Count), _samples, _agents.Sum(a => a.Script.OpenTabs), _outcomes)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(IActorRef sessions, IReadOnlyList<AgentScript> scripts, double eventsPerSecond, int window, SimulationProgress progress) =>
        Akka.Actor.Props.Create(() => new SimulationDriver(sessions, scripts, eventsPerSecond, window, progress));

    private void Start()
    {
        _sending = true;
        _startedAt = Stopwatch.GetTimestamp();
        _latency = new LatencyRecorder(_startedAt);
        if (_eventsPerSecond > 0)
        {
            Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(5));
            return;
        }
        foreach (var agent in _agents)
        {
            for (var i = 0; i < _window; i++)
                Send(agent);
        }
    }

    private void SendDue()
    {
        if (!_sending)
            return;
        var elapsed = (Stopwatch.GetTimestamp() - _startedAt) / (double)Stopwatch.Frequency;
        var due = (long)(_eventsPerSecond * elapsed) - _sent;
        for (var tried = 0; due > 0 && tried < _agents.Length;)
        {
            var agent = _agents[_next];
            _next = (_next + 1) % _agents.Length;
            if (agent.InFlight.Count >= MaxInFlightPerAgent)
            {
                tried++;
                continue;
            }
            Send(agent);
            due--;
            tried = 0;
        }
    }

    private void Send(Agent agent)
    {
        var e = agent.Script.Next();
        agent.InFlight.Enqueue((e, Stopwatch.GetTimestamp()));
        _sessions.Tell(new SessionCommands.Submit(e), Self);
        _sent++;
        _measuredSent++;
        _progress.AddSent(1);
    }

    private void OnDecision(Decision decision)
    {
        var answeredAt = Stopwatch.GetTimestamp();
        if (decision.SessionId is null || !_bySession.TryGetValue(decision.SessionId, out var agent) || agent.InFlight.Count == 0)
        {
            Violation($"decision {decision.EventId} of session {decision.SessionId} answers no event in flight");
            return;
        }
        var (e, sentAt) = agent.InFlight.Dequeue();
        _decisions++;
        _measuredDecisions++;
        _progress.AddDecision();
        _latency.Record(sentAt, answeredAt);
        var key = decision.Reason is null ? decision.Outcome : decision.Outcome + "/" + decision.Reason;
        _outcomes[key] = _outcomes.GetValueOrDefault(key) + 1;
        if (agent.Checker.Check(e, decision) is { } violation)
            Violation(violation);
        if (_sending && _eventsPerSecond <= 0)
            Send(agent);
    }

    private void Violation(string message)
    {
        _violations++;
        _progress.AddViolation();
        if (_samples.Count < MaxSamples)
            _samples.Add(message);
    }
}
