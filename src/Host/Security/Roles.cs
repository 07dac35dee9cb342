namespace ConsoleContext.Host.Security;

/// <summary>The roles an API key can carry, and the authorization policies named after them.</summary>
public static class Roles
{
    public const string Ingest = "ingest";
    public const string Query = "query";
    public static readonly IReadOnlyList<string> All = [Ingest, Query];
}
