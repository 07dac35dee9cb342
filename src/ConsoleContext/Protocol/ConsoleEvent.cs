namespace ConsoleContext.Protocol;

/// <summary>One browser event, validated. The concrete types live in <see cref="ConsoleEvents"/>.</summary>
public abstract record ConsoleEvent(EventHeader Header) : ISessionMessage
{
    public string SessionId => Header.SessionId;
    public string EventId => Header.EventId;

    /// <summary>The wire name of the event type (spec §2), e.g. <c>tabCreated</c>.</summary>
    public abstract string Type { get; }

    /// <summary>The tab the event names explicitly (tabId, or currentTabId for tabFocused), if any.</summary>
    public virtual string? NamedTabId => null;
}
