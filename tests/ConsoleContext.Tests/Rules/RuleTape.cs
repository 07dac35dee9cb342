using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using Xunit;

namespace ConsoleContext.Tests.Rules;

/// <summary>
/// Plays tape lines through the parser and the pure rules (Decide, then Apply), one state per session, no actors.
/// A line may leave out eventId (a fresh one is filled in) and sessionId (agent-1), so specs read like tapes.
/// Every Decide is checked not to touch the state it reads.
/// </summary>
public sealed class RuleTape(OwnershipSettings? settings = null)
{
    public const string Session = "agent-1";
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private readonly OwnershipRules _rules = new(settings ?? OwnershipSettings.Default);
    private readonly Dictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private int _filledIds;

    /// <summary>Arrival time handed to Decide; it only matters for lines without <c>at</c>.</summary>
    public DateTimeOffset ArrivedAt { get; set; } = T0;

    public SessionState State => StateOf(Session);

    public SessionSnapshot Snapshot => SessionViews.Snapshot(State);

    /// <summary>The <c>at</c> text for <paramref name="seconds"/> after <see cref="T0"/>.</summary>
    public static string At(double seconds) =>
        T0.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public SessionState StateOf(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var state))
            _sessions[sessionId] = state = _rules.NewState(sessionId);
        return state;
    }

    public CallView Call(string callId, string sessionId = Session) =>
        SessionViews.Snapshot(StateOf(sessionId)).Calls.Single(c => c.CallId == callId);

    public Decision Feed(string line)
    {
        var parsed = ConsoleEventParser.Parse(Complete(line));
        if (parsed.Event is not { } e)
            return parsed.Rejection!;
        var state = StateOf(e.SessionId);
        var before = Dump(state);
        var ruling = _rules.Decide(state, e, ArrivedAt);
        Assert.Equal(before, Dump(state));
        OwnershipRules.Apply(state, ruling.Changes);
        return ruling.Decision;
    }

    public IReadOnlyList<Decision> Feed(params string[] lines) => lines.Select(Feed).ToList();

    /// <summary>Decides the line against the current state without applying anything.</summary>
    public Ruling DecideOnly(string line)
    {
        var e = ConsoleEventParser.Parse(Complete(line)).Event ?? throw new ArgumentException($"not a valid event: {line}", nameof(line));
        return _rules.Decide(StateOf(e.SessionId), e, ArrivedAt);
    }

    /// <summary>Everything a session holds, as JSON, including what the snapshot leaves out (clock, clicks, ticks).</summary>
    public static string Dump(SessionState state) => JsonSerializer.Serialize(new
    {
        Snapshot = SessionViews.Snapshot(state),
        state.SeqMark,
        state.Clock,
        state.SeenEventCount,
        state.FocusedTabId,
        state.ActiveCallIds,
        Tabs = state.Tabs.Values.OrderBy(t => t.TabId, StringComparer.Ordinal),
        Calls = state.Calls.Values.OrderBy(c => c.CallId, StringComparer.Ordinal),
        state.ClickIntents,
        state.LastNavigationRecord,
        state.LastNavigationUrl,
        state.AgentStatus,
    });

    private string Complete(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException)
        {
            return line;
        }
        if (node is not JsonObject fields)
            return line;
        if (!fields.ContainsKey("eventId"))
            fields["eventId"] = $"t{++_filledIds}";
        if (!fields.ContainsKey("sessionId"))
            fields["sessionId"] = Session;
        return fields.ToJsonString();
    }
}
