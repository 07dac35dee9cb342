using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Pattern;
using ConsoleContext.Messaging;
using Akka.Hosting;
using Akka.Remote.Hosting;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Rules;

namespace ConsoleContext.Hosting;

/// <summary>
/// The service's wiring on Akka.Cluster: sessions and call entries in two shard regions, the retention registry as a
/// cluster singleton, split-brain resolver keep-majority. One node is a one-node cluster that joins itself.
/// </summary>
public static class ConsoleContextCluster
{
    /// <summary>The role of nodes that host sessions; a node configured with no roles takes it.</summary>
    public const string SessionsRole = "sessions";

    /// <summary>The sessions' shard region (type name).</summary>
    public const string SessionsRegion = "sessions";

    /// <summary>The call entries' shard region (type name): one <see cref="CallEntryActor"/> per tenant-scoped call key.</summary>
    public const string CallsRegion = "calls";

    /// <summary>A call's entry stops after this long without a message; the next one recovers it (a few journal rows).</summary>
    public static readonly TimeSpan CallEntryPassivateAfter = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the split-brain resolver waits for a stable membership before downing unreachable nodes. With the failure
    /// detector's defaults a killed node's sessions answer on the survivors some 20 s after it died (docs/configuration.md).
    /// </summary>
    public static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(7);

    /// <summary>The first wait before a stopped singleton or call entry starts again; it doubles per stop up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before a stopped singleton or call entry starts again.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A persistent actor stops when the journal refuses a write (or its recovery): under this supervisor it starts again
    /// after a growing pause (with jitter) and recovers what was recorded, instead of staying stopped until a restart.
    /// Messages that arrive while it is stopped get <paramref name="replyWhileStopped"/> at once when given, else are dropped
    /// (their askers time out).
    /// </summary>
    /// <param name="finalStop">A message that, forwarded to the child, makes the child stop for good (its passivation), the supervisor with it.</param>
    public static Props RestartedWithBackoff(Props child, string childName, object? replyWhileStopped = null, Func<object, bool>? finalStop = null)
    {
        var options = Backoff.OnStop(child, childName, MinBackoff, MaxBackoff, 0.2, maxNrOfRetries: -1);
        if (replyWhileStopped is not null)
            options = options.WithReplyWhileStopped(replyWhileStopped);
        return BackoffSupervisor.Props(finalStop is null ? options : options.WithFinalStopMessage(finalStop));
    }

    /// <summary>
    /// Every message that crosses nodes through <see cref="ClusterMessageSerializer"/>, one binding per type, and
    /// <see cref="StrictFallbackSerializer"/> for <c>System.Object</c>: no reflection fallback.
    /// </summary>
    public static Config WireSerialization => ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers {
            cluster-messages = "{{typeof(ClusterMessageSerializer).AssemblyQualifiedName}}"
            strict-fallback = "{{typeof(StrictFallbackSerializer).AssemblyQualifiedName}}"
          }
          serialization-bindings {
            "System.Object" = strict-fallback
            {{string.Join("\n    ", ClusterMessageSerializer.Manifests.Keys.Select(t => $"\"{t.FullName}, {t.Assembly.GetName().Name}\" = cluster-messages"))}}
          }
        }
        """);

    /// <summary>
    /// Sessions on Cluster.Sharding (state store DData, entities not remembered: a session starts with its next message and
    /// recovers from the journal; passivation as the session decides, through the shard, so nothing routed is dropped),
    /// registered under the same key as the local <see cref="SessionRouterActor"/>, so every caller is the same; the call
    /// directory as a second region, one entry per call key (<see cref="CallEntryActor"/>, each under a backoff supervisor,
    /// passivated when idle), registered under the key of the local <see cref="CallRouterActor"/>; the ended-sessions
    /// registry as a singleton; and the one-shot import of the old single call directory (<see cref="CallDirectoryImportActor"/>).
    /// </summary>
    public static AkkaConfigurationBuilder AddConsoleContextCluster(this AkkaConfigurationBuilder builder, ClusterNode node, OwnershipSettings? settings = null)
    {
        builder.AddConsoleContextSerialization();
        builder.AddHocon(WireSerialization, HoconAddMode.Prepend);
        builder.AddHocon($$"""
            akka.cluster.split-brain-resolver.stable-after = {{(int)StableAfter.TotalSeconds}}s
            """, HoconAddMode.Prepend);
        builder.WithRemoting(node.Hostname, node.Port);
        builder.WithClustering(new ClusterOptions
        {
            SeedNodes = [.. node.SeedNodes],
            Roles = [.. node.EffectiveRoles],
            SplitBrainResolver = new KeepMajorityOption(),
        });
        if (node.SeedNodes.Count == 0)
            builder.AddStartup((system, _) =>
            {
                var cluster = Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });

        var extractor = new SessionMessageExtractor();
        var callExtractor = new CallEntryMessageExtractor();
        if (!node.HostsSessions)
        {
            builder.WithShardRegionProxy<CallRouterActor>(CallsRegion, SessionsRole, callExtractor);
            builder.WithSingletonProxy<EndedSessionsActor>("ended-sessions", new ClusterSingletonOptions { Role = SessionsRole });
            return builder.WithShardRegionProxy<SessionRouterActor>(SessionsRegion, SessionsRole, extractor);
        }

        TimeSpan CallRetention(ActorSystem system) => (settings ?? OwnershipSettings.FromConfig(system.Settings.Config)).EndedCallRetentionOrDefault;
        builder.WithSingleton<EndedSessionsActor>("ended-sessions", (system, _, _) => RestartedWithBackoff(
            EndedSessionsActor.Props(SessionLifecycleSettings.FromConfig(system.Settings.Config), SessionsRegion, CallsRegion, CallRetention(system)), "registry"),
            new ClusterSingletonOptions { Role = SessionsRole });
        builder.WithShardRegion<CallRouterActor>(CallsRegion, (system, _, _) =>
        {
            var retention = CallRetention(system);
            return entryId => CallRouterActor.EntryProps(entryId, retention);
        }, callExtractor, new ShardOptions
        {
            Role = SessionsRole,
            StateStoreMode = StateStoreMode.DData,
            RememberEntities = false,
            // No stream hangs on a call entry: the shard's idle timer may stop it.
            ShouldPassivateIdleEntities = true,
            PassivateIdleEntityAfter = CallEntryPassivateAfter,
            // Not a PoisonPill: an entry finishes the write it is doing (and answers it) before it stops.
            HandOffStopMessage = CallEntryActor.Stop.Instance,
        });
        return builder.WithShardRegion<SessionRouterActor>(SessionsRegion, (system, registry, _) =>
        {
            var config = system.Settings.Config;
            var rules = new OwnershipRules(settings ?? OwnershipSettings.FromConfig(config));
            var lifecycle = SessionLifecycleSettings.FromConfig(config);
            var callIndex = registry.Get<CallRouterActor>();
            var endedSessions = registry.Get<EndedSessionsActor>();
            return entityId =>
            {
                var key = SessionKey.FromEntityId(entityId);
                return SessionActor.Props(key.SessionId, key.PersistenceId(SessionRouterActor.DurableScope), rules, callIndex, endedSessions, lifecycle, key.Tenant);
            };
        }, extractor, new ShardOptions
        {
            Role = SessionsRole,
            StateStoreMode = StateStoreMode.DData,
            RememberEntities = false,
            HandOffStopMessage = SessionCommands.StopWhenSettled.Instance,
            // A session passivates itself (SessionActor) once idle with no decision stream open; the shard's idle timer
            // cannot see open streams and would cut them.
            ShouldPassivateIdleEntities = false,
        }).WithActors((system, registry) => system.ActorOf(CallDirectoryImportActor.Props(registry.Get<CallRouterActor>()), "call-directory-import"));
    }
}
