using Akka.Actor;
using Akka.Hosting;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Options;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using Microsoft.Extensions.Options;

namespace ConsoleContext.Host.Api;

/// <summary>The HTTP side's one door into the actors: every ask carries the configured timeout and the request's token.</summary>
public sealed class SessionGateway(ActorRegistry registry, IOptions<LimitsOptions> limits)
{
    private readonly TimeSpan _timeout = limits.Value.AskTimeout;

    public IActorRef Sessions => registry.Get<SessionRouterActor>();

    /// <summary>Decides one JSON event in <paramref name="tenant"/>; a line that is not a valid event gets its rejected decision without reaching a session.</summary>
    public Task<Decision> DecideAsync(string tenant, System.Text.Json.JsonElement element, CancellationToken cancellationToken)
    {
        var parsed = ConsoleEventParser.Parse(element);
        return parsed.Event is { } e
            ? Sessions.Ask<Decision>(new SessionCommands.Submit(e) { Tenant = tenant, Trace = CurrentTrace }, _timeout, cancellationToken)
            : Task.FromResult(parsed.Rejection!);
    }

    /// <summary>
    /// Decides a batch: each session gets its events in one message (journaled together), all sessions at once;
    /// the decisions come back in input order, rejected items in their place.
    /// </summary>
    public async Task<Decision[]> DecideBatchAsync(string tenant, IReadOnlyList<System.Text.Json.JsonElement> items, CancellationToken cancellationToken)
    {
        var decisions = new Decision[items.Count];
        var bySession = new Dictionary<string, (List<ConsoleEvent> Events, List<int> Positions)>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var parsed = ConsoleEventParser.Parse(items[i]);
            if (parsed.Event is not { } e)
            {
                decisions[i] = parsed.Rejection!;
                continue;
            }
            if (!bySession.TryGetValue(e.SessionId, out var group))
                bySession[e.SessionId] = group = ([], []);
            group.Events.Add(e);
            group.Positions.Add(i);
        }

        var asks = bySession.Select(async pair =>
        {
            var answer = await Sessions.Ask<SessionCommands.BatchDecided>(
                new SessionCommands.SubmitBatch(pair.Key, pair.Value.Events) { Tenant = tenant, Trace = CurrentTrace }, _timeout, cancellationToken);
            for (var k = 0; k < answer.Decisions.Count; k++)
                decisions[pair.Value.Positions[k]] = answer.Decisions[k];
        }).ToList();
        await Task.WhenAll(asks);
        return decisions;
    }

    // The request's span (decide), so the actors trace the journal write under it.
    private static System.Diagnostics.ActivityContext CurrentTrace => System.Diagnostics.Activity.Current?.Context ?? default;

    public Task<T> AskAsync<T>(object message, CancellationToken cancellationToken) =>
        Sessions.Ask<T>(message, _timeout, cancellationToken);

    /// <summary>
    /// Asks the call's entry (within <paramref name="tenant"/>) where its answers come from: the archive of an ended call, else the
    /// session that most recently started it (SessionId null when none did, or when its archive has expired).
    /// </summary>
    /// <exception cref="CallDirectoryRestartingException">The entry is starting again after a journal failure.</exception>
    public async Task<CallEntryMessages.Location> LocateCallAsync(string tenant, string callId, CancellationToken cancellationToken)
    {
        var answer = await registry.Get<CallRouterActor>()
            .Ask<object>(new CallEntryMessages.Locate(SessionKey.CallKey(tenant, callId)), _timeout, cancellationToken);
        return answer switch
        {
            CallEntryMessages.Location location => location,
            CallIndexMessages.Restarting => throw new CallDirectoryRestartingException(),
            _ => throw new InvalidOperationException($"the call's entry answered {answer.GetType().Name}"),
        };
    }
}
