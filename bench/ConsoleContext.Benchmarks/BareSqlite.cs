using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ConsoleContext.Benchmarks;

/// <summary>
/// The disk reference: rows the size of the tracker's real journal rows inserted into a copy of the journal's table,
/// in transactions of <see cref="RowsPerTransaction"/> rows (the journal's own batch-size on SQLite), in WAL mode with
/// the <c>synchronous</c> setting the journal's connections run with. What the tracker's durable rows do beyond this
/// is the tracker's own cost.
/// </summary>
public sealed class BareSqlite : IDisposable
{
    /// <summary>Akka.Persistence.Sql writes at most this many rows per batch on SQLite (ConsoleContextConfig.SqlPersistence).</summary>
    public const int RowsPerTransaction = 100;
    private const string Manifest = "events-decided.v1";

    private readonly string _directory;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _persistenceId;
    private readonly SqliteParameter _sequenceNumber;
    private readonly SqliteParameter _created;
    private long _next;

    private BareSqlite(string directory, string schema, IReadOnlyList<(string Column, object Value)> template, long synchronous, string table)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "bare.db") }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute($"PRAGMA synchronous={synchronous.ToString(CultureInfo.InvariantCulture)};");
        Execute(schema);
        Synchronous = synchronous;
        _insert = _connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", template.Select(t => t.Column))}) VALUES ({string.Join(", ", template.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < template.Count; i++)
            _insert.Parameters.AddWithValue("$p" + i, template[i].Value);
        _persistenceId = _insert.Parameters["$p" + IndexOf(template, "persistence_id")];
        _sequenceNumber = _insert.Parameters["$p" + IndexOf(template, "sequence_number")];
        _created = _insert.Parameters["$p" + IndexOf(template, "created")];
        _insert.Prepare();
        RowBytes = template.Sum(t => t.Value switch { byte[] b => b.Length, string s => s.Length, DBNull => 0, _ => 8 });
    }

    /// <summary>The journal connections' <c>PRAGMA synchronous</c> (0 off, 1 normal, 2 full, 3 extra), applied here too.</summary>
    public long Synchronous { get; }

    /// <summary>Bytes of one row's values (message blob, ids, manifest, numbers).</summary>
    public int RowBytes { get; }

    /// <summary>
    /// Takes the schema, one real <c>events-decided.v1</c> row (message of the average size) and the synchronous setting
    /// from a journal the tracker has written to, and prepares an empty copy of its table in a new file.
    /// </summary>
    public static BareSqlite From(string journalConnectionString)
    {
        using var journal = new SqliteConnection(journalConnectionString);
        journal.Open();
        var table = Scalar<string>(journal, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%persistence_id%' AND sql LIKE '%message%' LIMIT 1");
        var schema = string.Join(";\n", Rows(journal, $"SELECT sql FROM sqlite_master WHERE tbl_name = '{table}' AND sql IS NOT NULL ORDER BY type DESC", r => r.GetString(0))) + ";";
        var averageMessage = (int)Scalar<double>(journal, $"SELECT avg(length(message)) FROM {table} WHERE manifest = '{Manifest}'");
        var columns = Rows(journal, $"SELECT name FROM pragma_table_info('{table}') WHERE name <> 'ordering'", r => r.GetString(0));
        var template = Rows(journal, $"SELECT {string.Join(", ", columns)} FROM {table} WHERE manifest = '{Manifest}' LIMIT 1",
            r => columns.Select((c, i) => (c, c == "message" ? new byte[averageMessage] : r.GetValue(i))).ToList()).Single();
        var synchronous = Scalar<long>(journal, "PRAGMA synchronous;");
        var directory = Path.Combine(Path.GetTempPath(), "cc-bench-bare-sqlite-" + Guid.NewGuid().ToString("N"));
        return new BareSqlite(directory, schema, template, synchronous, table);
    }

    /// <summary>Inserts <paramref name="rows"/> fresh rows (new sequence numbers over 1,000 persistence ids) in transactions of <see cref="RowsPerTransaction"/>.</summary>
    public void Insert(int rows)
    {
        for (var done = 0; done < rows; done += RowsPerTransaction)
        {
            using var transaction = _connection.BeginTransaction();
            _insert.Transaction = transaction;
            for (var i = 0; i < RowsPerTransaction && done + i < rows; i++)
            {
                var n = _next++;
                _persistenceId.Value = "bare-" + (n % 1_000).ToString(CultureInfo.InvariantCulture);
                _sequenceNumber.Value = n / 1_000 + 1;
                _created.Value = n;
                _insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static int IndexOf(IReadOnlyList<(string Column, object Value)> template, string column) =>
        template.Select((t, i) => (t.Column, i)).Single(t => t.Column == column).i;

    private static T Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _connection.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
