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
    /// <summary>The console window (spec v2 Consoles); absent: the session's default console.</summary>
    public string? ConsoleId { get; set; }
    /// <summary>The bridge instance that numbers seq (R8); absent: the session's default stream.</summary>
    public string? StreamId { get; set; }
    public long? Seq { get; set; }
    /// <summary>ISO-8601 with an offset (0-9 fraction digits), or a JSON integer of epoch milliseconds; years 2000-2099.</summary>
    /// <example>2026-11-24T09:15:00Z</example>
    public string? At { get; set; }
    /// <summary>Tracker extension: the k-th canonical event (1-999) after the first of one native line.</summary>
    public int? Part { get; set; }
    public string? TabId { get; set; }
    public string? ParentTabId { get; set; }
    public string? CurrentTabId { get; set; }
    public string? PreviousTabId { get; set; }
    public string? RecordId { get; set; }
    /// <summary>Person account: the Account id of the same record.</summary>
    public string? AccountId { get; set; }
    /// <summary>Person account: the Contact id of the same record.</summary>
    public string? ContactId { get; set; }
    public string? ObjectType { get; set; }
    public string? RecordName { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    /// <summary>A string, or a JSON integer taken as its decimal digits.</summary>
    public string? Number { get; set; }
    public string? CallId { get; set; }
    public string? CallType { get; set; }
    /// <summary>A string, or a JSON integer taken as its decimal digits.</summary>
    public string? PhoneNumber { get; set; }
    public string? ParentCallId { get; set; }
    public bool? Replayed { get; set; }
    public string? Disposition { get; set; }
    public string? Status { get; set; }
}
