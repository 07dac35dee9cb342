using Akka.Actor;
using Akka.Cluster.Sharding;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Telemetry;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// One agent session: forwards events and queries to its <see cref="CallOwnershipActor"/>, keeps one
/// <see cref="TabActor"/> per open tab, hands each applied decision to the tab it is attributed to,
/// and streams every decision to subscribers. It holds no rules state of its own.
/// </summary>
public sealed class SessionActor : ReceiveActor, IWithUnboundedStash, IWithTimers
{
    private readonly string _sessionId;
    private readonly string _tenant;
    private readonly string _persistenceId;
    private readonly OwnershipRules _rules;
    private readonly IActorRef _callIndex;
    private readonly IActorRef _endedSessions;
    private readonly SessionLifecycleSettings _lifecycle;
    private readonly Dictionary<TabKey, IActorRef> _tabs = [];
    private readonly HashSet<IActorRef> _subscribers = [];
    private readonly TenantFollowers _tenantFollowers = TenantFollowers.Get(Context.System);
    private IActorRef _ownership = ActorRefs.Nobody;
    private long _tabActorCount;
    private long _ownershipIncarnation;
    // Passivation: when the session last received a message that counts as activity (scheduler's monotonic clock).
    private TimeSpan _lastActivity;

    /// <summary>Wakes the session a few times per passivate-after to see whether it has been idle that long.</summary>
    private sealed class IdleCheck : INotInfluenceReceiveTimeout
    {
        public static readonly IdleCheck Instance = new();
    }

    public SessionActor(string sessionId, string persistenceId, OwnershipRules rules, IActorRef callIndex, IActorRef endedSessions, SessionLifecycleSettings lifecycle,
        string tenant)
    {
        _sessionId = sessionId;
        _tenant = tenant;
        _persistenceId = persistenceId;
        _rules = rules;
        _callIndex = callIndex;
        _endedSessions = endedSessions;
        _lifecycle = lifecycle;
        StartOwnership();
    }

    public IStash Stash { get; set; } = null!;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// How often the idle check runs: a quarter of passivate-after, so a session passivates between 1 and 1.25 times
    /// passivate-after after its last activity. A receive timeout would do the same but re-arms a scheduler entry on
    /// every message; this costs one clock read per message and one timer tick per interval.
    /// </summary>
    private TimeSpan IdleCheckEvery => _lifecycle.PassivateAfter / 4;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (message is not INotInfluenceReceiveTimeout)
            _lastActivity = Context.System.Scheduler.MonotonicClock;
        return base.AroundReceive(receive, message);
    }

    private bool IsIdle => Context.System.Scheduler.MonotonicClock - _lastActivity >= _lifecycle.PassivateAfter;

    protected override void PreStart()
    {
        TrackerTelemetry.SessionsActive.Add(1, TrackerTelemetry.Tenant(_tenant));
        _lastActivity = Context.System.Scheduler.MonotonicClock;
        // Zero or infinite (negative): the session never passivates.
        if (_lifecycle.PassivateAfter > TimeSpan.Zero)
            Timers.StartPeriodicTimer(nameof(IdleCheck), IdleCheck.Instance, IdleCheckEvery);
    }

    protected override void PostStop() => TrackerTelemetry.SessionsActive.Add(-1, TrackerTelemetry.Tenant(_tenant));

    /// <param name="tenant">The session's tenant (<see cref="SessionKey"/>); the default tenant unless given.</param>
    public static Props Props(string sessionId, string persistenceId, OwnershipRules rules, IActorRef callIndex, IActorRef endedSessions,
        SessionLifecycleSettings lifecycle, string tenant = SessionKey.DefaultTenant) =>
        Akka.Actor.Props.Create(() => new SessionActor(sessionId, persistenceId, rules, callIndex, endedSessions, lifecycle, tenant));

    // The parent (a shard, or the local router) queues StopWhenSettled behind what it already routed here and holds what
    // arrives meanwhile for the next incarnation: passivation never drops a message.
    private static void PassivateThroughParent() => Context.Parent.Tell(new Passivate(SessionCommands.StopWhenSettled.Instance));

    // A fault in a child must not cost the session its state: the rules never change state on a failed
    // decision, and a tab actor's view stays valid, so the child resumes with the next message.
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Resume);

    /// <summary>
    /// Until the ownership actor has read its journal, messages wait here: if the journal turns out to be
    /// unreadable, every one of them still gets the clear failure instead of timing out.
    /// </summary>
    private void Recovering()
    {
        Receive<SessionEvents.Recovered>(recovered =>
        {
            foreach (var key in recovered.OpenTabs)
                StartTab(key);
            Become(Running);
            Stash.UnstashAll();
        });
        Receive<SessionEvents.RecoveryFailed>(failed =>
        {
            Become(() => Unavailable(failed.Cause));
            Stash.UnstashAll();
        });
        Receive<Terminated>(t => t.ActorRef.Equals(_ownership), _ => { });
        Receive<Terminated>(t => DropSubscriber(t.ActorRef));
        Receive<IdleCheck>(_ => { });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<SessionCommands.Submit>(submit => _ownership.Forward(submit));
        Receive<SessionCommands.SubmitBatch>(batch => _ownership.Forward(batch));
        Receive<SessionQueries.GetSnapshot>(query => _ownership.Forward(query));
        Receive<SessionQueries.GetCall>(query => _ownership.Forward(query));
        Receive<SessionQueries.GetTimeline>(query => _ownership.Forward(query));
        ReceiveTabActivity();
        Receive<SessionEvents.Decided>(OnDecided);
        ReceiveSubscriptions();
        // A write the journal refused stops the ownership actor; a fresh one recovers what was recorded.
        Receive<Terminated>(t => t.ActorRef.Equals(_ownership), _ => StartOwnership());
        Receive<Terminated>(t => DropSubscriber(t.ActorRef));
        Receive<IdleCheck>(_ =>
        {
            if (IsIdle && _subscribers.Count == 0)
                PassivateThroughParent();
        });
        Receive<SessionEvents.Deleted>(_ => PassivateThroughParent());
        Receive<SessionCommands.StopWhenSettled>(stop =>
        {
            _ownership.Tell(stop);
            Become(Stopping);
        });
    }

    /// <summary>The ownership actor sends the answers it owes, then stops; the session stops with it.</summary>
    private void Stopping()
    {
        ReceiveTabActivity();
        Receive<SessionEvents.Decided>(OnDecided);
        Receive<Terminated>(t => t.ActorRef.Equals(_ownership), _ => Context.Stop(Self));
        Receive<Terminated>(t => DropSubscriber(t.ActorRef));
        Receive<IdleCheck>(_ => { });
    }

    /// <summary>The journal cannot be read back: every question gets a clear failure; other sessions are unaffected.</summary>
    private void Unavailable(Exception cause)
    {
        var failure = new Status.Failure(new SessionUnavailableException(_sessionId, cause.Message, cause));
        Receive<ISessionMessage>(_ => Sender.Tell(failure));
        Receive<Terminated>(t => DropSubscriber(t.ActorRef));
        Receive<IdleCheck>(_ =>
        {
            if (IsIdle)
                PassivateThroughParent();
        });
        Receive<SessionCommands.StopWhenSettled>(_ => Context.Stop(Self));
    }

    private void StartOwnership()
    {
        _ownership = Context.ActorOf(CallOwnershipActor.Props(_sessionId, _persistenceId, _rules, _callIndex, _endedSessions, _lifecycle, _tenant), $"ownership-{++_ownershipIncarnation}");
        Context.Watch(_ownership);
        if (_subscribers.Count > 0)
            TellSubscribersChanged();
        Become(Recovering);
    }

    private void ReceiveTabActivity() => Receive<SessionQueries.GetTabActivity>(query =>
    {
        if (_tabs.TryGetValue(new TabKey(TabKey.ConsoleOf(query.ConsoleId), query.TabId), out var tab))
            tab.Forward(new TabCommands.GetActivity());
        else
            Sender.Tell(new SessionQueries.TabNotFound(query.SessionId, query.TabId));
    });

    private void ReceiveSubscriptions()
    {
        Receive<SessionCommands.SubscribeDecisions>(s =>
        {
            if (_subscribers.Add(s.Subscriber))
                Context.Watch(s.Subscriber);
            if (s.WatchSession)
                s.Subscriber.Tell(new SessionCommands.Subscribed(_sessionId));
            TellSubscribersChanged();
        });
        Receive<SessionCommands.UnsubscribeDecisions>(s =>
        {
            if (_subscribers.Remove(s.Subscriber))
                Context.Unwatch(s.Subscriber);
            TellSubscribersChanged();
        });
    }

    private void DropSubscriber(IActorRef subscriber)
    {
        if (_subscribers.Remove(subscriber))
            TellSubscribersChanged();
    }

    // The ownership actor leaves out decisions nobody needs; it must know when someone follows them.
    private void TellSubscribersChanged() => _ownership.Tell(new SessionEvents.SubscribersChanged(_subscribers.Count > 0));

    private void OnDecided(SessionEvents.Decided decided)
    {
        foreach (var change in decided.Changes)
            TrackTabs(change);

        if (decided.Decision.Outcome == Outcomes.Applied && decided.Decision.TabId is { } tabId
            && _tabs.TryGetValue(new TabKey(TabKey.ConsoleOf(decided.Decision.ConsoleId), tabId), out var tab))
            tab.Tell(new TabCommands.React(decided.Event, decided.Decision));

        if (_subscribers.Count == 0 && !_tenantFollowers.IsFollowed(_tenant))
            return;
        var streamed = new StreamedDecision(_tenant, decided.Position, decided.Journaled, decided.Decision);
        foreach (var subscriber in _subscribers)
            subscriber.Tell(streamed);
        if (_tenantFollowers.IsFollowed(_tenant))
            Context.System.EventStream.Publish(streamed);
    }

    private void TrackTabs(SessionChange change)
    {
        switch (change)
        {
            case SessionChanges.TabSaved saved:
                StartTab(saved.Tab.Key);
                break;
            case SessionChanges.TabsClosed closed:
                foreach (var key in closed.Tabs)
                    StopTab(key);
                break;
            case SessionChanges.ConsoleCleared:
                foreach (var id in _tabs.Keys.ToList())
                    StopTab(id);
                break;
        }
    }

    private void StartTab(TabKey key)
    {
        // Tab ids are opaque; a counter keeps actor names valid and never reuses a stopping actor's name.
        if (!_tabs.ContainsKey(key))
            _tabs[key] = Context.ActorOf(TabActor.Props(_sessionId, key.TabId, TabKey.ReportedConsole(key.Console)), $"tab-{++_tabActorCount}");
    }

    private void StopTab(TabKey key)
    {
        if (_tabs.Remove(key, out var tab))
            Context.Stop(tab);
    }
}
