namespace ConsoleContext.Host.Wiring;

/// <summary>
/// The service's data directory (journal, generated keys): created owner-only (0700) when missing, and checked to be
/// a writable directory before anything else starts, so a bad path fails with one line that names it.
/// </summary>
public static class DataDirectory
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Fix = "set --Storage:DataDirectory=PATH (or Storage__DataDirectory) to a directory this user can write";

    /// <exception cref="StartupException">The path is a file, cannot be created, or is not writable.</exception>
    public static void Prepare(string path)
    {
        if (File.Exists(path))
            throw new StartupException($"the data directory {path} is a file, not a directory; {Fix}");
        try
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(path);
            else
                Directory.CreateDirectory(path, OwnerOnly);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"cannot create the data directory {path}: {ex.Message.TrimEnd('.')}; {Fix}", ex);
        }

        var probe = Path.Combine(path, $".write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"the data directory {path} is not writable: {ex.Message.TrimEnd('.')}; {Fix}", ex);
        }
    }

    /// <summary>
    /// Creates an empty file readable and writable only by the owner (0600); an existing one that others could read or
    /// write (a journal from an older version) is restricted to 0600, together with its SQLite -wal and -shm files.
    /// </summary>
    public static void CreateOwnerOnlyFile(string file)
    {
        if (File.Exists(file))
        {
            if (!OperatingSystem.IsWindows())
            {
                foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                {
                    if (File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerReadWrite) != 0)
                        File.SetUnixFileMode(path, OwnerReadWrite);
                }
            }
            return;
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerReadWrite;
        using var _ = new FileStream(file, options);
    }
}
