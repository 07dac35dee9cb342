namespace ConsoleContext.Protocol;

/// <summary>The call states a decision reports.</summary>
public static class CallStates
{
    public const string Ringing = "ringing";
    public const string Connected = "connected";
    public const string Held = "held";
    public const string Ended = "ended";
}
