using System.Text.Json.Serialization;

namespace ConsoleContext.Protocol;

/// <summary>The answer to one event (spec §3). Serialised field order and explicit nulls are part of the contract.</summary>
/// <param name="ConsoleId">The event's console; null for the default console (and for rejected events that gave none).</param>
/// <param name="TabId">The tab the event is attributed to; null when none (always null when rejected).</param>
/// <param name="Calls">Every call active after the event plus any call it ended; <c>[]</c> when rejected.</param>
/// <param name="Error">Only on rejected decisions: a sentence naming the field and the problem.</param>
public sealed record Decision(
    string? EventId,
    string? SessionId,
    string? Type,
    string? ConsoleId,
    string? TabId,
    string Outcome,
    string? Reason,
    IReadOnlyList<CallSummary> Calls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null)
{
    public static Decision Rejected(string? eventId, string? sessionId, string? type, string reason, string error, string? consoleId = null) =>
        new(eventId, sessionId, type, consoleId, null, Outcomes.Rejected, reason, [], error);
}
