namespace ConsoleContext.Host.Api;

/// <summary>
/// The shape of one event, for the OpenAPI document only: the service reads the body as raw JSON so that
/// every problem can be reported per field (docs/ownership.md lists which fields each type needs).
/// </summary>
public sealed class EventBody
{
    /// <example>e7</example>
    public string EventId { get; set; } = "";
    /// <example>agent-1</example>
    public string SessionId { get; set; } = "";
    /// <example>navigationChanged</example>
    public string Type { get; set; } = "";
    public long? Seq { get; set; }
    /// <example>2026-11-24T09:15:00Z</example>
    public string? At { get; set; }
    public string? TabId { get; set; }
    public string? ParentTabId { get; set; }
    public string? CurrentTabId { get; set; }
    public string? PreviousTabId { get; set; }
    public string? RecordId { get; set; }
    public string? ObjectType { get; set; }
    public string? RecordName { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public string? Number { get; set; }
    public string? CallId { get; set; }
    public string? CallType { get; set; }
    public string? PhoneNumber { get; set; }
    public string? ParentCallId { get; set; }
    public bool? Replayed { get; set; }
    public string? Disposition { get; set; }
    public string? Status { get; set; }
}
