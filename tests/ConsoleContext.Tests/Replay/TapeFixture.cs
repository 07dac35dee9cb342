using ConsoleContext.Protocol;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Replay;

/// <summary>A small tape of two sessions sharing tab and call ids, with blank and bad lines, and what each line decides.</summary>
internal static class TapeFixture
{
    public static readonly (string Line, string? EventId, string Outcome, string? Reason)[] Lines =
    [
        (Line("agent-a", "a1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("seq", 1), ("at", T0)), "a1", Outcomes.Applied, null),
        ("", null, "", null),
        (Line("agent-b", "b1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001B"), ("seq", 1), ("at", T0)), "b1", Outcomes.Applied, null),
        (Line("agent-a", "a2", "callStarted", ("callId", "c1"), ("callType", "inbound"), ("tabId", "ctab0"), ("seq", 2), ("at", T0.AddSeconds(5))),
            "a2", Outcomes.Applied, Reasons.BoundByTab),
        ("this is not json", null, Outcomes.Rejected, Reasons.InvalidEvent),
        ("   \t", null, "", null),
        (Line("agent-b", "b2", "navigationChanged", ("url", "/r/001C"), ("recordId", "001C"), ("tabId", "ctab0"), ("seq", 2)),
            "b2", Outcomes.Ignored, Reasons.NoActiveCall),
        // Bad lines carry seq 3: had they reached the sessions, a3 and b3 would be stale.
        (Line("agent-a", "a3", "tabClosed", ("seq", 3)), "a3", Outcomes.Rejected, Reasons.InvalidEvent),
        (Line("agent-b", "bx", "teleport", ("tabId", "ctab0"), ("seq", 3)), "bx", Outcomes.Rejected, Reasons.UnknownType),
        (Line("agent-a", "a4", "navigationChanged", ("url", "/r/500X"), ("recordId", "500X"), ("tabId", "ctab0"), ("seq", 3)),
            "a4", Outcomes.Applied, null),
        (Line("agent-b", "b3", "callStarted", ("callId", "c1"), ("callType", "outbound"), ("seq", 3)), "b3", Outcomes.Applied, Reasons.PendingOwner),
        ("", null, "", null),
        (Line("agent-a", "a1", "tabCreated", ("tabId", "ctab0"), ("recordId", "001A"), ("seq", 9)), "a1", Outcomes.Duplicate, null),
    ];

    public static IEnumerable<(string Line, string? EventId, string Outcome, string? Reason)> NonBlank =>
        Lines.Where(l => !string.IsNullOrWhiteSpace(l.Line));

    public static string WriteTo(string directory)
    {
        var path = Path.Combine(directory, "two-sessions.jsonl");
        File.WriteAllText(path, string.Join("\n", Lines.Select(l => l.Line)) + "\n");
        return path;
    }
}
