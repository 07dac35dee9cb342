using Akka.Actor;
using Akka.Event;
using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Tabs;

/// <summary>
/// One console tab. It reacts only after the call-ownership actor has decided that an event applies
/// to it, so nothing tab-side ever sees an ignored, duplicate, stale or rejected event.
/// </summary>
public sealed class TabActor : ReceiveActor
{
    private readonly string _sessionId;
    private readonly string _tabId;
    private int _reacted;
    private Decision? _last;

    public TabActor(string sessionId, string tabId)
    {
        _sessionId = sessionId;
        _tabId = tabId;
        var log = Context.GetLogger();

        Receive<TabCommands.React>(react =>
        {
            _reacted++;
            _last = react.Decision;
            log.Debug("Tab {TabId} of session {SessionId} reacted to {EventType} {EventId} ({Reason})",
                _tabId, _sessionId, react.Event.Type, react.Event.EventId, react.Decision.Reason);
        });
        Receive<TabCommands.GetActivity>(_ => Sender.Tell(Activity()));
    }

    public static Props Props(string sessionId, string tabId) => Akka.Actor.Props.Create(() => new TabActor(sessionId, tabId));

    private TabActivity Activity() => new(_sessionId, _tabId, _reacted, _last,
        _last?.Calls.Where(c => c.OwnerTabId == _tabId && c.State != CallStates.Ended).Select(c => c.CallId).ToList() ?? []);
}
