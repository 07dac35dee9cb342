using System.Diagnostics;
using Akka.Actor;
using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Sessions;

/// <summary>What a session can be told to do.</summary>
public static class SessionCommands
{
    /// <summary>Decide one event; the reply is its <see cref="Decision"/> (or a <see cref="Status.Failure"/> if the session faulted on it).</summary>
    public sealed record Submit(ConsoleEvent Event) : TenantMessage, ISessionMessage
    {
        public string SessionId => Event.SessionId;

        /// <summary>The caller's trace (e.g. the HTTP request's span); the journal write is traced under it. Default: not traced.</summary>
        public ActivityContext Trace { get; init; }
    }

    /// <summary>Decide several events of one session in order; they are journaled together. The reply is a <see cref="BatchDecided"/>.</summary>
    public sealed record SubmitBatch(string SessionId, IReadOnlyList<ConsoleEvent> Events) : TenantMessage, ISessionMessage
    {
        /// <summary>The caller's trace; see <see cref="Submit.Trace"/>.</summary>
        public ActivityContext Trace { get; init; }
    }

    /// <summary>
    /// How a session is stopped (passivation, or a shard handing its sessions off): sent by the session's parent behind what
    /// it already routed there; the session answers all of that (journal writes and call-directory confirmations included)
    /// and then stops. The parent holds what arrives meanwhile for the next incarnation.
    /// </summary>
    public sealed record StopWhenSettled
    {
        public static StopWhenSettled Instance { get; } = new();
    }

    public sealed record BatchDecided(IReadOnlyList<Decision> Decisions);

    /// <summary>From now on, send every decision of the session to <paramref name="Subscriber"/> (until it stops or unsubscribes).</summary>
    /// <param name="WatchSession">True: the session first tells the subscriber <see cref="Subscribed"/>, so it can watch the
    /// session and learn when it stops (passivated, deleted, or gone with its node) instead of waiting in silence.</param>
    public sealed record SubscribeDecisions(string SessionId, IActorRef Subscriber, bool WatchSession = false) : TenantMessage, ISessionMessage;

    /// <summary>The session's answer to a <see cref="SubscribeDecisions"/> that asked for it; its sender is the session actor.</summary>
    public sealed record Subscribed(string SessionId);

    public sealed record UnsubscribeDecisions(string SessionId, IActorRef Subscriber) : TenantMessage, ISessionMessage;
}
