using System.Globalization;

namespace ConsoleContext.Host.Simulation;

/// <summary>What the <c>simulate</c> command runs: how many agents, how busy, how long, on which journal.</summary>
/// <param name="EventsPerSecond">0 sends as fast as the tracker answers (each agent keeps <see cref="Window"/> events in flight).</param>
/// <param name="EventsPerAgent">When above 0, the measurement ends once the agents have sent this many events each on average
/// (warm-up included), or when <see cref="Duration"/> has passed if one was given: memory after a given history.</param>
public sealed record SimulationOptions(
    int Agents = 1000,
    int TabsPerAgent = 8,
    double EventsPerSecond = 0,
    double CallShare = 0.2,
    TimeSpan Duration = default,
    string Journal = "memory",
    string? OutDirectory = null,
    int Seed = 42,
    int Window = 2,
    double WarmupSeconds = 2,
    int EventsPerAgent = 0)
{
    public const string Usage = """
        usage: simulate [--agents N] [--tabs N] [--rate EVENTS_PER_SECOND|max] [--call-share 0..1]
                        [--duration SECONDS] [--events-per-agent N] [--warmup SECONDS] [--journal memory|sqlite]
                        [--window N] [--seed N] [--out DIR]
          --agents      agent sessions driven at once (default 1000)
          --tabs        most tabs (primaries and subtabs) an agent keeps open (default 8)
          --rate        events per second over all agents, or max (default max)
          --call-share  share of an agent's events that are call events (default 0.2)
          --duration    seconds of load that are measured (default 10)
          --warmup      seconds of load before that, not measured (default 2; sessions start, code warms up)
          --journal     memory, or sqlite (a fresh WAL file in a temp directory; durable before each answer)
          --window      events each agent may have in flight (default 2)
          --events-per-agent N  measure until the agents have sent N events each (warm-up included) instead of for --duration
          --seed        the agents' random seed (default 42): the same seed plays the same scripts
          --out         write report.md, report.json and latency.svg into DIR
        """;

    public TimeSpan EffectiveDuration => Duration == default ? (EventsPerAgent > 0 ? TimeSpan.FromHours(1) : TimeSpan.FromSeconds(10)) : Duration;

    public bool IsSqlite => Journal == "sqlite";

    /// <summary>Parses the command line; returns null with <paramref name="error"/> set when it is wrong.</summary>
    public static SimulationOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new SimulationOptions();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (!Options.Contains(name))
            {
                error = $"unknown option {name}";
                return null;
            }
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value";
                return null;
            }
            var value = args[++i];
            try
            {
                options = name switch
                {
                    "--agents" => options with { Agents = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--tabs" => options with { TabsPerAgent = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--rate" => options with { EventsPerSecond = value == "max" ? 0 : Positive(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--call-share" => options with { CallShare = Share(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(double.Parse(value, CultureInfo.InvariantCulture))) },
                    "--warmup" => options with { WarmupSeconds = NotNegative(double.Parse(value, CultureInfo.InvariantCulture)) },
                    "--journal" => options with { Journal = value is "memory" or "sqlite" ? value : throw new FormatException("memory or sqlite") },
                    "--window" => options with { Window = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--events-per-agent" => options with { EventsPerAgent = Positive(int.Parse(value, CultureInfo.InvariantCulture)) },
                    "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                    "--out" => options with { OutDirectory = value },
                    _ => throw new ArgumentException($"unknown option {name}"),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
            {
                error = $"{name} {value}: {ex.Message}";
                return null;
            }
        }
        return options;
    }

    private static readonly string[] Options =
        ["--agents", "--tabs", "--rate", "--call-share", "--duration", "--warmup", "--journal", "--window", "--events-per-agent", "--seed", "--out"];

    private static T Positive<T>(T value) where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new FormatException("must be positive");

    private static double NotNegative(double value) => value >= 0 ? value : throw new FormatException("must not be negative");

    private static double Share(double value) => value is >= 0 and <= 1 ? value : throw new FormatException("must be between 0 and 1");
}
