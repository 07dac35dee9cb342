namespace ConsoleContext.Protocol;

/// <summary>The wire names of the event types (case-sensitive).</summary>
public static class EventTypes
{
    public const string TabCreated = "tabCreated";
    public const string TabFocused = "tabFocused";
    public const string TabClosed = "tabClosed";
    public const string TabReplaced = "tabReplaced";
    public const string TabRefreshed = "tabRefreshed";
    public const string TabUpdated = "tabUpdated";
    public const string NavigationChanged = "navigationChanged";
    public const string ClickToDial = "clickToDial";
    public const string CallStarted = "callStarted";
    public const string CallConnected = "callConnected";
    public const string CallHeld = "callHeld";
    public const string CallResumed = "callResumed";
    public const string CallEnded = "callEnded";
    public const string CallClaimed = "callClaimed";
    public const string AgentStatusChanged = "agentStatusChanged";
    public const string SessionEnded = "sessionEnded";
}
