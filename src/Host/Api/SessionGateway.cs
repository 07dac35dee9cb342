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

    /// <summary>Decides one JSON event; a line that is not a valid event gets its rejected decision without reaching a session.</summary>
    public Task<Decision> DecideAsync(System.Text.Json.JsonElement element, CancellationToken cancellationToken)
    {
        var parsed = ConsoleEventParser.Parse(element);
        return parsed.Event is { } e
            ? Sessions.Ask<Decision>(new SessionCommands.Submit(e), _timeout, cancellationToken)
            : Task.FromResult(parsed.Rejection!);
    }

    public Task<T> AskAsync<T>(object message, CancellationToken cancellationToken) =>
        Sessions.Ask<T>(message, _timeout, cancellationToken);

    public async Task<string?> LocateCallAsync(string callId, CancellationToken cancellationToken)
    {
        var location = await registry.Get<CallIndexActor>()
            .Ask<CallIndexMessages.CallLocation>(new CallIndexMessages.Locate(callId), _timeout, cancellationToken);
        return location.SessionId;
    }
}
