using System.Text.Json.Nodes;
using ConsoleContext.Protocol;

namespace ConsoleContext.Native;

/// <summary>
/// One position of a native line's result: a canonical event (spec §2, JSON with the v2 field names) to hand to
/// the parser, or the decision that stands in its place (a rejected leg, or the line's <c>not-tracked</c> answer).
/// </summary>
public sealed record NativeItem(JsonObject? Event, Decision? Decision);

/// <summary>
/// What one native envelope (spec §6) maps to, in order. <see cref="NeedsActiveCalls"/> is true (and
/// <see cref="Items"/> empty) when the mapping depends on the session's active calls and none were given:
/// map again with them.
/// </summary>
public sealed record NativeMapping(IReadOnlyList<NativeItem> Items, bool NeedsActiveCalls)
{
    internal static readonly NativeMapping AskForActiveCalls = new([], true);
}

/// <summary>
/// A call of the session as the session reported it (callId, canonical callType, state), for the few payloads that
/// name no call of their own (HOLD_TOGGLE flags, CALL_FAILED without a call, a participant without its initial call).
/// </summary>
public sealed record ActiveCall(string CallId, string? CallType, string State);
