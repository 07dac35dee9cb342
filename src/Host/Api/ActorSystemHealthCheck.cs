using Akka.Actor;
using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsoleContext.Host.Api;

/// <summary>Ready when the actor system runs and the session entry point is registered.</summary>
public sealed class ActorSystemHealthCheck(ActorSystem system, ActorRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (system.WhenTerminated.IsCompleted)
            return Task.FromResult(HealthCheckResult.Unhealthy("the actor system has terminated"));
        return Task.FromResult(registry.TryGet<SessionRouterActor>(out _)
            ? HealthCheckResult.Healthy("the actor system is up")
            : HealthCheckResult.Unhealthy("the session entry point is not started yet"));
    }
}
