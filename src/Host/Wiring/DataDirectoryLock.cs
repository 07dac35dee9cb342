namespace ConsoleContext.Host.Wiring;

/// <summary>
/// One process per data directory: an exclusive OS lock on <c>DATA/console-context.lock</c> (flock on Linux, a
/// share-none handle on Windows), held for the life of the service. The OS drops it with the process, so a
/// <c>kill -9</c> never leaves a stale lock; the file itself stays and means nothing when no process holds it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "console-context.lock";

    private readonly FileStream _handle;

    private DataDirectoryLock(FileStream handle) => _handle = handle;

    /// <summary>Takes the lock of <paramref name="dataDirectory"/>, which must exist (<see cref="DataDirectory.Prepare"/>).</summary>
    /// <exception cref="StartupException">Another process (or another host in this process) holds it.</exception>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = DataDirectory.OwnerReadWrite;
        try
        {
            return new DataDirectoryLock(new FileStream(path, options));
        }
        catch (IOException ex)
        {
            throw new StartupException(
                $"the data directory {dataDirectory} is in use by another ConsoleContext process (it holds {FileName}); stop that process, or give this one its own --Storage:DataDirectory=PATH", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new StartupException($"cannot lock the data directory {dataDirectory}: {ex.Message.TrimEnd('.')}; give this user write access to it", ex);
        }
    }

    /// <summary>Releases the lock (the service has stopped).</summary>
    public void Dispose() => _handle.Dispose();
}
