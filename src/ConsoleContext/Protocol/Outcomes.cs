namespace ConsoleContext.Protocol;

/// <summary>The decision outcomes of spec §3.</summary>
public static class Outcomes
{
    public const string Applied = "applied";
    public const string Ignored = "ignored";
    public const string Duplicate = "duplicate";
    public const string Stale = "stale";
    public const string Rejected = "rejected";
}
