using Akka.Actor;
using Akka.Configuration;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Wiring;
using ConsoleContext.Hosting;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Microsoft.Data.Sqlite;

namespace ConsoleContext.Benchmarks;

/// <summary>The tracker's actors as the service wires them (router, call directory, default settings) on an in-memory or SQLite journal.</summary>
public sealed class TrackerHarness : IDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _countdown;
    private readonly string? _dataDirectory;

    private TrackerHarness(Config persistence, string? dataDirectory, string? connectionString = null)
    {
        _dataDirectory = dataDirectory;
        ConnectionString = connectionString;
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING")
            .WithFallback(ConsoleContextConfig.Serialization)
            .WithFallback(persistence);
        if (dataDirectory is not null)
            config = config.WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
        _system = ActorSystem.Create("tracker-bench", config);
        var callIndex = _system.ActorOf(CallRouterActor.Props(OwnershipRules.Default.Settings.EndedCallRetentionOrDefault), "calls");
        Sessions = _system.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, callIndex, journalScope: SessionRouterActor.DurableScope), "sessions");
        _countdown = _system.ActorOf(Props.Create(() => new Countdown()), "countdown");
    }

    public IActorRef Sessions { get; }

    /// <summary>The SQLite journal's connection string; null in memory.</summary>
    public string? ConnectionString { get; }

    /// <summary>The actor system, for figures taken beside the run (heap, actor counts).</summary>
    public ActorSystem System => _system;

    public static TrackerHarness InMemory() => new(ConsoleContextConfig.InMemoryPersistence, null);

    /// <summary>A fresh SQLite file in WAL mode, exactly as the Host prepares it.</summary>
    public static TrackerHarness Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cc-bench-" + Guid.NewGuid().ToString("N"));
        var storage = new StorageSettings(StorageSettings.SqliteProvider,
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, StorageSettings.DatabaseFileName) }.ToString(), directory);
        storage.Prepare();
        return new TrackerHarness(ConsoleContextConfig.SqlPersistence(storage.Provider, storage.ConnectionString), directory, storage.ConnectionString);
    }

    /// <summary>One Submit per event.</summary>
    public static object[] Singles(ConsoleEvent[] events) => [.. events.Select(e => (object)new SessionCommands.Submit(e))];

    /// <summary>Each session's events of the invocation in one SubmitBatch (journaled together), in order.</summary>
    public static object[] PerSessionBatches(ConsoleEvent[] events) =>
        [.. events.GroupBy(e => e.SessionId).Select(g => (object)new SessionCommands.SubmitBatch(g.Key, [.. g]))];

    /// <summary>Tells every message to the entry point and waits for <paramref name="expectedDecisions"/> decisions.</summary>
    public Task Run(object[] messages, int expectedDecisions)
    {
        var done = Countdown.Expect(_countdown, expectedDecisions);
        foreach (var message in messages)
            Sessions.Tell(message, _countdown);
        return done;
    }

    public void Dispose()
    {
        _system.Terminate().Wait();
        SqliteConnection.ClearAllPools();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }
}
