namespace ConsoleContext.Protocol;

/// <summary>Every reason a decision can carry (spec §4); null means "no reason".</summary>
public static class Reasons
{
    public const string BoundByTab = "bound-by-tab";
    public const string BoundByClickToDial = "bound-by-click-to-dial";
    public const string BoundByParentCall = "bound-by-parent-call";
    public const string BoundByRecord = "bound-by-record";
    public const string BoundByScreenPop = "bound-by-screen-pop";
    public const string BoundByClaim = "bound-by-claim";
    public const string BoundBySelection = "bound-by-selection";
    public const string PendingOwner = "pending-owner";
    public const string NotCallActiveTab = "not-call-active-tab";
    public const string NoActiveCall = "no-active-call";
    public const string NoFocusedTab = "no-focused-tab";
    public const string OwnerClosed = "owner-closed";
    public const string CallEnded = "call-ended";
    public const string UnknownCall = "unknown-call";
    public const string UnknownTab = "unknown-tab";
    public const string ReplayedCall = "replayed-call";
    public const string InvalidEvent = "invalid-event";
    public const string UnknownType = "unknown-type";
}
