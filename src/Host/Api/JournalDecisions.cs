using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Wiring;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Reads the decisions of journaled events back, as recovery does, to give a resumed decision stream the decisions it
/// missed: a facts row holds them as they were sent; a row written before facts were journaled is decided again. A
/// session's state before a row comes from its latest snapshot before that row, else from its journal's start; the
/// rows are read through persistence queries, so any length of history costs a bounded amount of memory besides the
/// states of the sessions involved.
/// </summary>
public sealed class JournalDecisions(ActorSystem system, IConfiguration configuration)
{
    private static readonly TimeSpan SnapshotTimeout = TimeSpan.FromSeconds(10);
    private readonly OwnershipRules _rules = new(TrackerWiring.Settings(HoconFile.Load(), configuration));

    /// <summary>A decision read back from the journal, or a count of journaled events that could not be decided again.</summary>
    public abstract record Item;

    /// <summary>The decision of a journaled event after the resume point.</summary>
    public sealed record Redecided(StreamedDecision Streamed) : Item;

    /// <summary>
    /// <paramref name="Missed"/> journaled events after the resume point cannot be decided again: the rows before them,
    /// and every snapshot old enough, have been pruned (docs/durability.md), so the state they were decided in is gone.
    /// </summary>
    public sealed record Unrecoverable(long Missed) : Item;

    private SqlReadJournal Journal => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);

    /// <summary>The decisions of <paramref name="session"/>'s journaled events after <paramref name="after"/>, in journal order.</summary>
    public async IAsyncEnumerable<Item> SessionAfterAsync(SessionKey session, JournalPosition after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = Math.Max(1, after.SequenceNr);
        var state = await StateBeforeAsync(session, first, cancellationToken);
        long missed = 0;
        var rows = Journal.CurrentEventsByPersistenceId(session.PersistenceId(SessionRouterActor.DurableScope), first, long.MaxValue)
            .RunAsAsyncEnumerable(system.Materializer());
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            foreach (var item in Decide(session, ref state, row.SequenceNr, row.Event, after, ref missed))
                yield return item;
        }
        if (missed > 0)
            yield return new Unrecoverable(missed);
    }

    /// <summary>
    /// The decisions of every session of <paramref name="tenant"/> journaled after <paramref name="after"/> of
    /// <paramref name="session"/>, in the journal's write order across sessions.
    /// </summary>
    public async IAsyncEnumerable<Item> TenantAfterAsync(string tenant, SessionKey session, JournalPosition after,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var from = await OrderingOfAsync(session, after, cancellationToken);
        var states = new Dictionary<string, SessionState?>(StringComparer.Ordinal);
        long missed = 0;
        var rows = Journal.CurrentAllEvents(Offset.Sequence(from - 1)).RunAsAsyncEnumerable(system.Materializer());
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (SessionKey.FromPersistenceId(row.PersistenceId, SessionRouterActor.DurableScope) is not { } key || key.Tenant != tenant)
                continue;
            if (!states.TryGetValue(key.SessionId, out var state))
                state = await StateBeforeAsync(key, row.SequenceNr, cancellationToken);
            var since = key.SessionId == session.SessionId ? after : JournalPosition.Start;
            foreach (var item in Decide(key, ref state, row.SequenceNr, row.Event, since, ref missed))
                yield return item;
            states[key.SessionId] = state;
        }
        if (missed > 0)
            yield return new Unrecoverable(missed);
    }

    /// <summary>
    /// The decisions of one row after <paramref name="after"/>, applied to <paramref name="state"/> (null: unknown; a
    /// facts row still answers, an input row's events only count as missed).
    /// </summary>
    private List<Item> Decide(SessionKey session, ref SessionState? state, long sequenceNr, object row, JournalPosition after, ref long missed)
    {
        var items = new List<Item>();
        IReadOnlyList<Decision> decisions;
        if (state is not null)
            decisions = [.. JournalRows.Apply(row, state, _rules).Select(f => f.Decision)];
        else if (row is EventsDecided facts)
            decisions = [.. facts.Facts.Select(f => f.Decision)];
        else
        {
            decisions = [];
            missed += Enumerable.Range(0, JournalRows.EventsOf(row).Count).Count(i => after.IsBefore(sequenceNr, i));
        }
        for (var i = 0; i < decisions.Count; i++)
        {
            if (after.IsBefore(sequenceNr, i))
                items.Add(new Redecided(new StreamedDecision(session.Tenant, new JournalPosition(sequenceNr, i + 1), true, decisions[i])));
        }
        return items;
    }

    /// <summary>The session's state after every row before <paramref name="sequenceNr"/>; null when pruned rows make it unknown.</summary>
    private async Task<SessionState?> StateBeforeAsync(SessionKey session, long sequenceNr, CancellationToken cancellationToken)
    {
        var persistenceId = session.PersistenceId(SessionRouterActor.DurableScope);
        var snapshot = sequenceNr <= 1 ? null : await LatestSnapshotAsync(persistenceId, sequenceNr - 1, cancellationToken);
        var state = snapshot is null ? new SessionState(session.SessionId) : SessionState.FromData(JournalRows.StateOf(snapshot.Snapshot));
        var next = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
        if (next >= sequenceNr)
            return state;
        var rows = Journal.CurrentEventsByPersistenceId(persistenceId, next, sequenceNr - 1).RunAsAsyncEnumerable(system.Materializer());
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            // A gap in the sequence numbers means rows were pruned: the state after them is unknown.
            if (row.SequenceNr != next)
                return null;
            next = row.SequenceNr + 1;
            JournalRows.Apply(row.Event, state, _rules);
        }
        return next == sequenceNr ? state : null;
    }

    /// <summary>
    /// Where a tenant-wide resume starts in the journal's global order (the first ordering wanted): the row the position
    /// stands in when it is inside one, else just after the session's row before it. When that row is not in the journal
    /// (pruned, or a position before the session's first row) the resume starts at the journal's beginning: it may repeat
    /// decisions the client has, but loses none.
    /// </summary>
    private async Task<long> OrderingOfAsync(SessionKey session, JournalPosition after, CancellationToken cancellationToken)
    {
        var anchor = after.Events > 0 ? after.SequenceNr : after.SequenceNr - 1;
        if (anchor < 1)
            return 1;
        var rows = Journal.CurrentEventsByPersistenceId(session.PersistenceId(SessionRouterActor.DurableScope), anchor, anchor)
            .RunAsAsyncEnumerable(system.Materializer());
        await foreach (var row in rows.WithCancellation(cancellationToken))
            return ((Sequence)row.Offset).Value + (after.Events > 0 ? 0 : 1);
        return 1;
    }

    private async Task<SelectedSnapshot?> LatestSnapshotAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken)
    {
        var store = Akka.Persistence.Persistence.Instance.Apply(system).SnapshotStoreFor(null);
        var answer = await store.Ask<object>(
            new LoadSnapshot(persistenceId, new SnapshotSelectionCriteria(maxSequenceNr), long.MaxValue), SnapshotTimeout, cancellationToken);
        return answer is LoadSnapshotResult { Snapshot: { } selected } ? selected : null;
    }
}
