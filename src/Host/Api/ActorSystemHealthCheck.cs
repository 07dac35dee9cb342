using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsoleContext.Host.Api;

/// <summary>Ready when the actor system runs, the session entry point is registered and, in a cluster, this node is Up.</summary>
public sealed class ActorSystemHealthCheck(ActorSystem system, ActorRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (system.WhenTerminated.IsCompleted)
            return Task.FromResult(HealthCheckResult.Unhealthy("the actor system has terminated"));
        if (!registry.TryGet<SessionRouterActor>(out _))
            return Task.FromResult(HealthCheckResult.Unhealthy("the session entry point is not started yet"));
        if (system.Settings.ProviderClass.Contains("Cluster", StringComparison.Ordinal) && Cluster.Get(system).SelfMember.Status != MemberStatus.Up)
            return Task.FromResult(HealthCheckResult.Unhealthy($"this node is {Cluster.Get(system).SelfMember.Status} in the cluster, not Up yet"));
        return Task.FromResult(HealthCheckResult.Healthy("the actor system is up"));
    }
}
