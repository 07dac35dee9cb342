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

    public sealed record TabFocused(EventHeader Header, string CurrentTabId, string? PreviousTabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabFocused;
        public override string? NamedTabId => CurrentTabId;
    }

    public sealed record TabClosed(EventHeader Header, string TabId) : ConsoleEvent(Header)
    {
        public override string Type => EventTypes.TabClosed;
        public override string? NamedTabId => TabId;
    }

    public sealed record TabReplaced(EventHeader Header, string TabId, RecordRef? Record, string? Url) : ConsoleEvent(Header)
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

    public sealed record NavigationChanged(EventHeader Header, string Url, RecordRef? Record, string? TabId) : ConsoleEvent(Header)
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
    public sealed record CallStateChanged(EventHeader Header, string EventType, string CallId, string? Disposition)
        : ConsoleEvent(Header)
    {
        public override string Type => EventType;
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
