using Akka.Actor;
using Akka.Configuration;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The reference: the same number of messages fanned out to 10,000 trivial actors that each update a
/// dictionary and answer. What the tracker does beyond this is its own cost.
/// </summary>
public sealed class BareEngine : IDisposable
{
    public const int Actors = 10_000;

    private sealed class BareActor : ReceiveActor
    {
        private static readonly object Ack = new();
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

        public BareActor() => ReceiveAny(message =>
        {
            var key = message.GetType().Name;
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            Sender.Tell(Ack);
        });
    }

    private readonly ActorSystem _system;
    private readonly IActorRef[] _actors;
    private readonly IActorRef _countdown;

    public BareEngine()
    {
        _system = ActorSystem.Create("bare-engine", ConfigurationFactory.ParseString("akka.loglevel = WARNING"));
        _actors = [.. Enumerable.Range(0, Actors).Select(i => _system.ActorOf(Props.Create(() => new BareActor()), "bare-" + i))];
        _countdown = _system.ActorOf(Props.Create(() => new Countdown()), "countdown");
    }

    /// <summary>Sends message i to actor i mod 10,000 and waits for every answer.</summary>
    public Task Run(object[] messages)
    {
        var done = Countdown.Expect(_countdown, messages.Length);
        for (var i = 0; i < messages.Length; i++)
            _actors[i % Actors].Tell(messages[i], _countdown);
        return done;
    }

    public void Dispose() => _system.Terminate().Wait();
}
