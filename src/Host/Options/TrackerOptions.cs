using ConsoleContext.Host.Wiring;

namespace ConsoleContext.Host.Options;

/// <summary><c>Storage:*</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public string DataDirectory { get; set; } = "./data";
    /// <summary>An Akka.Persistence.Sql (linq2db) provider name; the default is the embedded SQLite.</summary>
    public string Provider { get; set; } = StorageSettings.SqliteProvider;
    /// <summary>Empty means a SQLite file <c>console-context.db</c> in the data directory.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary><c>Security:*</c>.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];
    public List<string> AllowedOrigins { get; set; } = [];
}

public sealed class ApiKeyOptions
{
    public string Key { get; set; } = "";
    public List<string> Roles { get; set; } = [];
    /// <summary>The tenant whose data this key reads and writes (the sessionId pattern); <c>default</c> when not set.</summary>
    public string? Tenant { get; set; }
}

/// <summary><c>Limits:*</c>: request size, batch size, per-key rate, how long a request waits for a session, and decision streams.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
    public int MaxBatchSize { get; set; } = 1000;
    public int PermitsPerSecond { get; set; } = 5000;
    public int Burst { get; set; } = 10000;
    public TimeSpan AskTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Decision streams one key may have open at once; the next gets 429.</summary>
    public int StreamsPerKey { get; set; } = 100;
    /// <summary>Decisions a stream buffers for a reader that falls behind; beyond it the reader gets <c>event: gap</c>.</summary>
    public int StreamBuffer { get; set; } = 1000;
    /// <summary>How often an idle decision stream sends a heartbeat comment.</summary>
    public TimeSpan StreamHeartbeat { get; set; } = TimeSpan.FromSeconds(15);
}
