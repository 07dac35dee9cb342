using ConsoleContext.Host.Options;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace ConsoleContext.Host.Wiring;

/// <summary>Where sessions are journaled: <c>Storage:Provider</c> and <c>Storage:ConnectionString</c>, SQLite in the data directory by default.</summary>
public sealed record StorageSettings(string Provider, string ConnectionString, string DataDirectory)
{
    public const string SqliteProvider = "SQLite.MS";
    public const string DatabaseFileName = "console-context.db";

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

    /// <summary>Creates the data directory and, for SQLite, switches the file to WAL (a property of the file, set once).</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(DataDirectory);
        if (!IsSqlite)
            return;
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
