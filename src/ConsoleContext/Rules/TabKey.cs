namespace ConsoleContext.Rules;

/// <summary>
/// A tab's identity within a session (spec §4 Consoles): tab ids are scoped to their console window, so two consoles
/// may both have a <c>ctab0</c> without meeting.
/// </summary>
/// <param name="Console">The console id, or <see cref="DefaultConsole"/> (empty) for the session's default console.</param>
/// <param name="TabId">The platform's opaque tab id.</param>
public readonly record struct TabKey(string Console, string TabId)
{
    /// <summary>The key of the default console (events without consoleId).</summary>
    public const string DefaultConsole = "";

    /// <summary>The internal console key of an event's consoleId (null means the default console).</summary>
    public static string ConsoleOf(string? consoleId) => consoleId ?? DefaultConsole;

    /// <summary>The consoleId as decisions and queries report it: null for the default console.</summary>
    public static string? ReportedConsole(string console) => console.Length == 0 ? null : console;

    public override string ToString() => Console.Length == 0 ? TabId : $"{Console}/{TabId}";
}
