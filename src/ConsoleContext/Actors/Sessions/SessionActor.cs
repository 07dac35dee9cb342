using Akka.Actor;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// One agent session: forwards events and queries to its <see cref="CallOwnershipActor"/>, keeps one
/// <see cref="TabActor"/> per open tab, hands each applied decision to the tab it is attributed to,
/// and streams every decision to subscribers. It holds no rules state of its own.
/// </summary>
public sealed class SessionActor : ReceiveActor
{
    private readonly string _sessionId;
    private readonly IActorRef _ownership;
    private readonly Dictionary<string, IActorRef> _tabs = new(StringComparer.Ordinal);
    private readonly HashSet<IActorRef> _subscribers = [];
    private long _tabActorCount;

    public SessionActor(string sessionId, OwnershipRules rules, IActorRef callIndex)
    {
        _sessionId = sessionId;
        _ownership = Context.ActorOf(CallOwnershipActor.Props(sessionId, rules, callIndex), "ownership");

        Receive<SessionCommands.Submit>(submit => _ownership.Forward(submit));
        Receive<SessionQueries.GetSnapshot>(query => _ownership.Forward(query));
        Receive<SessionQueries.GetCall>(query => _ownership.Forward(query));
        Receive<SessionQueries.GetTabActivity>(query =>
        {
            if (_tabs.TryGetValue(query.TabId, out var tab))
                tab.Forward(new TabCommands.GetActivity());
            else
                Sender.Tell(new SessionQueries.TabNotFound(query.SessionId, query.TabId));
        });
        Receive<SessionEvents.Decided>(OnDecided);
        Receive<SessionCommands.SubscribeDecisions>(s =>
        {
            if (_subscribers.Add(s.Subscriber))
                Context.Watch(s.Subscriber);
        });
        Receive<SessionCommands.UnsubscribeDecisions>(s =>
        {
            if (_subscribers.Remove(s.Subscriber))
                Context.Unwatch(s.Subscriber);
        });
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    public static Props Props(string sessionId, OwnershipRules rules, IActorRef callIndex) =>
        Akka.Actor.Props.Create(() => new SessionActor(sessionId, rules, callIndex));

    // A fault in a child must not cost the session its state: the rules never change state on a failed
    // decision, and a tab actor's view stays valid, so the child resumes with the next message.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

    private void OnDecided(SessionEvents.Decided decided)
    {
        foreach (var change in decided.Changes)
            TrackTabs(change);

        if (decided.Decision.Outcome == Outcomes.Applied && decided.Decision.TabId is { } tabId && _tabs.TryGetValue(tabId, out var tab))
            tab.Tell(new TabCommands.React(decided.Event, decided.Decision));

        foreach (var subscriber in _subscribers)
            subscriber.Tell(decided.Decision);
    }

    private void TrackTabs(SessionChange change)
    {
        switch (change)
        {
            case SessionChanges.TabSaved saved when !_tabs.ContainsKey(saved.Tab.TabId):
                // Tab ids are opaque; a counter keeps actor names valid and never reuses a stopping actor's name.
                _tabs[saved.Tab.TabId] = Context.ActorOf(TabActor.Props(_sessionId, saved.Tab.TabId), $"tab-{++_tabActorCount}");
                break;
            case SessionChanges.TabsClosed closed:
                foreach (var id in closed.TabIds)
                    StopTab(id);
                break;
            case SessionChanges.ConsoleCleared:
                foreach (var id in _tabs.Keys.ToList())
                    StopTab(id);
                break;
        }
    }

    private void StopTab(string tabId)
    {
        if (_tabs.Remove(tabId, out var tab))
            Context.Stop(tab);
    }
}
