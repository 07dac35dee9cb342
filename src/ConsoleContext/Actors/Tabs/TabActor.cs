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
    private readonly string? _consoleId;
    private int _reacted;
    private Decision? _last;

    public TabActor(string sessionId, string tabId, string? consoleId = null)
    {
        _sessionId = sessionId;
        _tabId = tabId;
        _consoleId = consoleId;
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

    /// <param name="consoleId">The tab's console; null for the default console.</param>
    public static Props Props(string sessionId, string tabId, string? consoleId = null) => Akka.Actor.Props.Create(() => new TabActor(sessionId, tabId, consoleId));

    private TabActivity Activity() => new(_sessionId, _tabId, _reacted, _last,
        _last?.Calls.Where(c => c.OwnerTabId == _tabId && c.OwnerConsoleId == _consoleId && c.State != CallStates.Ended).Select(c => c.CallId).ToList() ?? [],
        _consoleId);
}
