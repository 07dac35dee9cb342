namespace ConsoleContext.Native;

/// <summary>The platform prefixes of <c>source</c> (spec §6) and the reason of a line that maps to no event.</summary>
public static class NativeSources
{
    public const string OpenCti = "opencti.";
    public const string ClassicOpenCti = "classic.";
    public const string Workspace = "workspace.";
    public const string ClassicConsole = "console.";
    public const string ClassicCti = "cti.";
    public const string Voice = "scv.";

    /// <summary>Reason of the one <c>ignored</c> decision of a line of a known platform that maps to no event.</summary>
    public const string NotTracked = "not-tracked";

    public static readonly IReadOnlyList<string> KnownPrefixes = [OpenCti, ClassicOpenCti, Workspace, ClassicConsole, ClassicCti, Voice];
}
