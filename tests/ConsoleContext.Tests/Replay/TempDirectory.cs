namespace ConsoleContext.Tests.Replay;

/// <summary>A directory of its own for one spec, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("consolecontext-specs-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
