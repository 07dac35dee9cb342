using Akka.Configuration;
using ConsoleContext.Persistence;

namespace ConsoleContext.Hosting;

/// <summary>The library's own HOCON: serializer bindings and the in-memory journal used when no other is configured.</summary>
public static class ConsoleContextConfig
{
    public static readonly Config Serialization = ConfigurationFactory.ParseString($$"""
        akka.actor {
          serializers.console-context = "{{typeof(ConsoleContextSerializer).AssemblyQualifiedName}}"
          serialization-bindings {
            "{{typeof(IPersistedMessage).FullName}}, {{typeof(IPersistedMessage).Assembly.GetName().Name}}" = console-context
          }
        }
        """);

    /// <summary>In-memory journal and snapshot store: what tests and the replay command run on.</summary>
    public static readonly Config InMemoryPersistence = ConfigurationFactory.ParseString("""
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """);

    /// <summary>Everything a plain TestKit needs to run the tracker's actors.</summary>
    public static readonly Config ForTests = Serialization.WithFallback(InMemoryPersistence);

    /// <summary>Journal rows a persistence query holds at a time; a row holds one request's events (at most about a request body, 1 MiB).</summary>
    public const int QueryBufferRows = 16;

    /// <summary>
    /// The SQL journal and snapshot store (Akka.Persistence.Sql) on the given provider, e.g. <c>SQLite.MS</c>; persistence queries
    /// read <see cref="QueryBufferRows"/> rows at a time, so a streamed tape export holds a bounded part of a session.
    /// </summary>
    public static Config SqlPersistence(string providerName, string connectionString)
    {
        var cs = Quote(connectionString);
        var provider = Quote(providerName);
        // SQLite has one writer, and Microsoft.Data.Sqlite answers a busy lock by putting the thread to sleep and trying again
        // (Thread.Sleep inside SqliteDataReader.NextResult, seen in dotnet-stack samples): so one writing connection, whose
        // batches queue in the journal instead of sleeping on the lock. Reads begin deferred (read-uncommitted is how
        // Microsoft.Data.Sqlite spells BEGIN instead of BEGIN IMMEDIATE; a private cache reads committed rows all the same,
        // from WAL's snapshot): "unspecified" took the write lock for every recovery's highest-sequence-number query, so
        // recoveries and writes slept on each other (docs/benchmarks.md, "SQLite locking"). A server database takes several
        // writers at once (Npgsql pools 100 connections by default; 8 writers per node leave room for three nodes and the queries).
        var (parallelism, batchSize) = IsServerDatabase(providerName) ? (ServerWriteParallelism, ServerWriteBatchSize) : (1, 100);
        var readIsolation = IsServerDatabase(providerName) ? "unspecified" : "read-uncommitted";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.plugin = "akka.persistence.journal.sql"
            akka.persistence.journal.sql { connection-string = {{cs}}, provider-name = {{provider}}, auto-initialize = on, parallelism = {{parallelism}}, batch-size = {{batchSize}}, read-isolation-level = {{readIsolation}} }
            akka.persistence.query.journal.sql { connection-string = {{cs}}, provider-name = {{provider}}, write-plugin = "akka.persistence.journal.sql", max-buffer-size = {{QueryBufferRows}}, read-isolation-level = {{readIsolation}} }
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
            akka.persistence.snapshot-store.sql { connection-string = {{cs}}, provider-name = {{provider}}, auto-initialize = on, read-isolation-level = {{readIsolation}} }
            """);
    }

    /// <summary>Concurrent journal write batches per node on a server database (PostgreSQL).</summary>
    public const int ServerWriteParallelism = 8;

    /// <summary>Journal rows per write batch on a server database (PostgreSQL).</summary>
    public const int ServerWriteBatchSize = 200;

    /// <summary>True for a provider other than SQLite (a database server shared by the nodes of a cluster).</summary>
    public static bool IsServerDatabase(string providerName) => !providerName.StartsWith("SQLite", StringComparison.OrdinalIgnoreCase);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
