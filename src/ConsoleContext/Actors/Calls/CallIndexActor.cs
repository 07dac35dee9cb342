using Akka.Actor;

namespace ConsoleContext.Actors.Calls;

/// <summary>
/// Answers "which session owns call X?" for queries that carry only the call id. Sessions tell it
/// before they answer the callStarted, so a caller that got the decision can already find the call.
/// </summary>
public sealed class CallIndexActor : ReceiveActor
{
    private readonly Dictionary<string, string> _sessionByCall = new(StringComparer.Ordinal);

    public CallIndexActor()
    {
        Receive<CallIndexMessages.CallStartedIn>(m => _sessionByCall[m.CallId] = m.SessionId);
        Receive<CallIndexMessages.Locate>(m =>
            Sender.Tell(new CallIndexMessages.CallLocation(m.CallId, _sessionByCall.GetValueOrDefault(m.CallId))));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new CallIndexActor());
}
