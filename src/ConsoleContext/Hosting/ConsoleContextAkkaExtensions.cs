using Akka.Actor;
using Akka.Hosting;
using Akka.Persistence.Sql;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;

namespace ConsoleContext.Hosting;

/// <summary>The production wiring of the tracker, shared by the Host and the tests.</summary>
public static class ConsoleContextAkkaExtensions
{
    /// <summary>
    /// Starts the session entry point (registered as <see cref="SessionRouterActor"/>) and the call directory's entry
    /// point (registered as <see cref="CallRouterActor"/>, one entry per call), binds the persisted types to their serializer, and falls
    /// back to the in-memory journal when no other is configured. Settings come from <paramref name="settings"/>
    /// when given, else from the actor system's <c>console-context</c> HOCON section.
    /// </summary>
    public static AkkaConfigurationBuilder AddConsoleContext(this AkkaConfigurationBuilder builder, OwnershipSettings? settings = null)
    {
        builder.AddConsoleContextSerialization();
        return builder.WithActors((system, registry) =>
        {
            var config = system.Settings.Config;
            var rules = new OwnershipRules(settings ?? OwnershipSettings.FromConfig(config));
            var lifecycle = SessionLifecycleSettings.FromConfig(config);
            var callRetention = rules.Settings.EndedCallRetentionOrDefault;
            var endedSessions = system.ActorOf(EndedSessionsActor.Props(lifecycle, callRetention: callRetention), "ended-sessions");
            var callIndex = system.ActorOf(CallRouterActor.Props(callRetention), "calls");
            registry.Register<CallRouterActor>(callIndex);
            var sessions = system.ActorOf(
                SessionRouterActor.Props(rules, callIndex, lifecycle, SessionRouterActor.DurableScope, endedSessions), "sessions");
            endedSessions.Tell(new RetentionMessages.SweepThrough(sessions, callIndex));
            registry.Register<EndedSessionsActor>(endedSessions);
            registry.Register<SessionRouterActor>(sessions);
        });
    }

    /// <summary>Binds the persisted types to their serializer; the in-memory journal unless another is configured.</summary>
    public static AkkaConfigurationBuilder AddConsoleContextSerialization(this AkkaConfigurationBuilder builder)
    {
        builder.AddHocon(ConsoleContextConfig.Serialization, HoconAddMode.Prepend);
        return builder.AddHocon(ConsoleContextConfig.InMemoryPersistence, HoconAddMode.Append);
    }

    /// <summary>Journal and snapshots in a SQL database through Akka.Persistence.Sql (SQLite by default in the Host).</summary>
    public static AkkaConfigurationBuilder AddConsoleContextSqlPersistence(this AkkaConfigurationBuilder builder, string providerName, string connectionString)
    {
        builder.AddHocon(ConsoleContextConfig.SqlPersistence(providerName, connectionString), HoconAddMode.Prepend);
        builder.AddHocon(SqlPersistence.DefaultConfiguration, HoconAddMode.Append);
        return builder;
    }
}
