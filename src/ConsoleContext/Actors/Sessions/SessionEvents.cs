using Akka.Actor;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Actors.Sessions;

/// <summary>What happens inside a session, told by the call-ownership actor to its session.</summary>
public static class SessionEvents
{
    /// <summary>
    /// An event was decided; <paramref name="Changes"/> is empty unless it was accepted. Told to the session only when it
    /// has something to do with it (a tab opened or closed, an applied decision for a tab, or subscribers), and it does
    /// not count as activity for passivation.
    /// </summary>
    public sealed record Decided(ConsoleEvent Event, Decision Decision, IReadOnlyList<SessionChange> Changes) : INotInfluenceReceiveTimeout
    {
        /// <summary>Where the decision stands in the session's journal (see <see cref="JournalPosition"/>).</summary>
        public JournalPosition Position { get; init; }

        /// <summary>True when the event was accepted, so it is in the journal.</summary>
        public bool Journaled => Changes.Count > 0;

        public bool ConcernsTabs
        {
            get
            {
                if (Decision is { Outcome: Outcomes.Applied, TabId: not null })
                    return true;
                for (var i = 0; i < Changes.Count; i++)
                {
                    if (Changes[i] is SessionChanges.TabSaved or SessionChanges.TabsClosed or SessionChanges.ConsoleCleared)
                        return true;
                }
                return false;
            }
        }
    }

    /// <summary>From the session to its ownership actor: whether anyone follows the session's decisions.</summary>
    public sealed record SubscribersChanged(bool Any);

    /// <summary>The ownership actor has recovered; these tabs are open and need their tab actors.</summary>
    public sealed record Recovered(IReadOnlyCollection<TabKey> OpenTabs);

    /// <summary>The session's journal could not be read back; the session must answer every message with this failure.</summary>
    public sealed record RecoveryFailed(Exception Cause);

    /// <summary>The retention after sessionEnded has passed and the session's journal and snapshots are deleted.</summary>
    public sealed record Deleted(string SessionId);
}
