using LinqToDB;
using ConsoleContext.Host.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ConsoleContext.Host.Wiring;

/// <summary>Where sessions are journaled: <c>Storage:Provider</c> and <c>Storage:ConnectionString</c>, SQLite in the data directory by default.</summary>
public sealed record StorageSettings(string Provider, string ConnectionString, string DataDirectory)
{
    public const string SqliteProvider = "SQLite.MS";
    public const string DatabaseFileName = "console-context.db";

    /// <summary>
    /// The journal probe's persistence id (<c>journal-probe-{machine}-{hash of the data directory}</c>): one per node, and
    /// the same across restarts of that node, so the probe's rows never pile up.
    /// </summary>
    public string ProbePersistenceId =>
        $"journal-probe-{Environment.MachineName}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDirectory)))[..16]}";

    public bool IsSqlite => Provider.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase);

    public static StorageSettings From(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, DatabaseFileName) }.ToString()
            : options.ConnectionString;
        return new StorageSettings(options.Provider, connectionString, dataDirectory);
    }

    /// <summary>
    /// Checks the provider name, creates the data directory (0700) and, for SQLite, the database file (0600; SQLite gives
    /// its -wal and -shm files the same mode) and switches it to WAL (a property of the file, set once).
    /// </summary>
    /// <exception cref="StartupException">Unknown provider, unusable data directory, or a database file SQLite cannot open.</exception>
    public void Prepare()
    {
        CheckProvider();
        Wiring.DataDirectory.Prepare(DataDirectory);
        if (!IsSqlite)
            return;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        try
        {
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
                Wiring.DataDirectory.CreateOwnerOnlyFile(Path.GetFullPath(file));
            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"cannot open the SQLite journal {file}: {ex.Message}; check the file and its directory, or set --Storage:ConnectionString", ex);
        }
    }

    private void CheckProvider()
    {
        try
        {
            using var db = new LinqToDB.Data.DataConnection(new LinqToDB.DataOptions().UseConnectionString(Provider, ConnectionString));
            _ = db.DataProvider;
        }
        catch (LinqToDB.LinqToDBException ex)
        {
            throw new StartupException($"unknown storage provider \"{Provider}\" ({ex.Message}); set --Storage:Provider to {SqliteProvider} (the default) or PostgreSQL (a server database shared by a cluster)", ex);
        }
    }
}
