namespace ConsoleContext.Protocol;

/// <summary>Every event type of the spec §2 table, one record each, named after its wire type.</summary>
public static class ConsoleEvents
{
    public sealed record TabCreated(EventHeader Header, string TabId, string? ParentTabId, RecordRef? Record, string? Url)
        : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabCreated;
        public override string? NamedTabId => TabId;
    }

    /// <param name="CurrentTabId">Null when a navigation item (list view, home) got the focus: the console has no focused tab (R4).</param>
    /// <param name="ParentTabId">Used only when the focused tab is missing: it is created as this tab's subtab (R9).</param>
    public sealed record TabFocused(EventHeader Header, string? CurrentTabId, string? PreviousTabId, string? ParentTabId = null) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabFocused;
        public override string? NamedTabId => CurrentTabId;
    }

    public sealed record TabClosed(EventHeader Header, string TabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabClosed;
        public override string? NamedTabId => TabId;
    }

    /// <param name="ParentTabId">Used only when the tab is missing (R9).</param>
    public sealed record TabReplaced(EventHeader Header, string TabId, RecordRef? Record, string? Url, string? ParentTabId = null) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabReplaced;
        public override string? NamedTabId => TabId;
    }

    public sealed record TabRefreshed(EventHeader Header, string TabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabRefreshed;
        public override string? NamedTabId => TabId;
    }

    public sealed record TabUpdated(EventHeader Header, string TabId, string? Title) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabUpdated;
        public override string? NamedTabId => TabId;
    }

    /// <param name="ParentTabId">Used only when <paramref name="TabId"/> names a missing tab (R9).</param>
    public sealed record NavigationChanged(EventHeader Header, string Url, RecordRef? Record, string? TabId, string? ParentTabId = null) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.NavigationChanged;
        public override string? NamedTabId => TabId;
    }

    public sealed record ClickToDial(EventHeader Header, string Number, RecordRef? Record, string? TabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.ClickToDial;
        public override string? NamedTabId => TabId;
    }

    public sealed record CallStarted(
        EventHeader Header,
        string CallId,
        string CallType,
        string? PhoneNumber,
        RecordRef? Record,
        string? TabId,
        string? ParentCallId,
        bool Replayed) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.CallStarted;
        public override string? NamedTabId => TabId;
    }

    /// <summary>callConnected, callHeld, callResumed and callEnded: an event about one call's state.</summary>
    /// <param name="Start">callConnected, callHeld, callResumed: the optional callStarted fields, used only to adopt a call the
    /// tracker never saw start (R6 adoption); null for callEnded.</param>
    public sealed record CallStateChanged(EventHeader Header, string EventType, string CallId, string? Disposition, CallStartFields? Start = null)
        : ConsoleEvent(Header)
    {
        public override string Type => EventType;
        public override string? NamedTabId => Start?.TabId;
    }

    public sealed record CallClaimed(EventHeader Header, string CallId, string TabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.CallClaimed;
        public override string? NamedTabId => TabId;
    }

    public sealed record AgentStatusChanged(EventHeader Header, string Status) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.AgentStatusChanged;
    }

    public sealed record SessionEnded(EventHeader Header) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.SessionEnded;
    }
}
