namespace ConsoleContext.Protocol;

/// <summary>
/// The optional callStarted fields that callConnected, callHeld and callResumed may carry (spec §2), so a call first
/// seen in one of those states can be adopted as if it had started then (R6 adoption). All absent is allowed.
/// </summary>
/// <param name="CallType">Canonical lower-case call type, or null when absent (the adopted call's type stays null).</param>
public sealed record CallStartFields(string? CallType, string? PhoneNumber, RecordRef? Record, string? TabId, string? ParentCallId, bool Replayed)
{
    public static readonly CallStartFields None = new(null, null, null, null, null, false);
}
