using Akka.Actor;
using Akka.Hosting;
using ConsoleContext.Actors.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Ready only while the journal takes writes: one probe write (<see cref="JournalProbeActor"/>) per check, at most one
/// every <see cref="ReuseFor"/> (a burst of probes shares the last answer), unready when it fails or takes longer than
/// <see cref="WriteTimeout"/>.
/// </summary>
public sealed class JournalHealthCheck(ActorRegistry registry) : IHealthCheck
{
    /// <summary>How long one probe write may take before the journal counts as unwritable.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How long one probe's answer serves further checks.</summary>
    public static readonly TimeSpan ReuseFor = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _one = new(1, 1);
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!registry.TryGet<JournalProbeActor>(out var probe))
            return HealthCheckResult.Unhealthy("the journal probe is not started yet");
        await _one.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } last && DateTimeOffset.UtcNow - last.At < ReuseFor)
                return last.Result;
            var result = await ProbeAsync(probe, cancellationToken);
            _last = (DateTimeOffset.UtcNow, result);
            return result;
        }
        finally
        {
            _one.Release();
        }
    }

    private static async Task<HealthCheckResult> ProbeAsync(IActorRef probe, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await probe.Ask<JournalProbeActor.Result>(new JournalProbeActor.Check(), WriteTimeout, cancellationToken);
            return answer.Writable
                ? HealthCheckResult.Healthy("the journal takes writes")
                : HealthCheckResult.Unhealthy($"the journal refuses writes: {answer.Error}");
        }
        catch (AskTimeoutException)
        {
            return HealthCheckResult.Unhealthy($"a journal write took longer than {WriteTimeout.TotalSeconds:0} s");
        }
    }
}
