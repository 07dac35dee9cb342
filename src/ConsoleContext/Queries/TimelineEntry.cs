namespace ConsoleContext.Queries;

/// <summary>
/// One change of a call's owner or state (spec §5, the ownership timeline), as <c>GET /v1/calls/{callId}/timeline</c>
/// answers it.
/// </summary>
/// <param name="At">The <c>at</c> of the event that made the change (its arrival time when the bridge sent none).</param>
/// <param name="EventId">That event's id.</param>
/// <param name="State">The call's state after the change: ringing, connected, held or ended.</param>
/// <param name="OwnerTabId">The owner tab after the change; null while the call has no owner.</param>
/// <param name="OwnerConsoleId">The owner's console; null for the default console or while pending.</param>
/// <param name="Reason">The decision's reason (e.g. <c>bound-by-screen-pop</c>); null when the decision gave none.</param>
public sealed record TimelineEntry(DateTimeOffset At, string EventId, string State, string? OwnerTabId, string? OwnerConsoleId, string? Reason);

/// <summary>One call's timeline in a snapshot (<see cref="Persistence.SessionSnapshotData"/>).</summary>
public sealed record CallTimelineData(string CallId, IReadOnlyList<TimelineEntry> Entries);
