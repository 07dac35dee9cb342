using System.Text.Json.Serialization;

namespace ConsoleContext.Protocol;

/// <summary>The answer to one event (spec §3). Serialised field order and explicit nulls are part of the contract.</summary>
public sealed record Decision(
    string? EventId,
    string? SessionId,
    string? Type,
    string? TabId,
    string Outcome,
    string? Reason,
    IReadOnlyList<CallSummary> Calls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public static Decision Rejected(string? eventId, string? sessionId, string? type, string reason, string error) =>
        new(eventId, sessionId, type, null, Outcomes.Rejected, reason, [], error);
}
