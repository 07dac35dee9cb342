using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Options;

namespace ConsoleContext.Host.Security;

/// <summary>
/// The accepted API keys, held as SHA-256 hashes only. With no key configured, the first start generates
/// one key per role into <see cref="GeneratedKeyFileName"/> in the data directory (owner-only), and later
/// starts read it back.
/// </summary>
public sealed class ApiKeyStore
{
    public const string GeneratedKeyFileName = "api-keys.json";

    private readonly Dictionary<string, KeyIdentity> _byHash;

    private ApiKeyStore(Dictionary<string, KeyIdentity> byHash, string? generatedFile)
    {
        _byHash = byHash;
        GeneratedKeyFile = generatedFile;
    }

    /// <summary>Where the generated keys are, or null when keys come from configuration.</summary>
    public string? GeneratedKeyFile { get; }

    /// <summary>Who a key is: a name safe to log (never the key), its roles and its tenant.</summary>
    public sealed record KeyIdentity(string KeyId, IReadOnlyList<string> Roles, string Tenant)
    {
        /// <summary>
        /// The key's principal (name, tenant and role claims of <see cref="ApiKeyAuthenticationHandler.SchemeName"/>), built once
        /// and shared by every request that presents the key: nothing in the pipeline adds claims to it.
        /// </summary>
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
            [new(ClaimTypes.Name, KeyId), new(Tenants.ClaimType, Tenant), .. Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            ApiKeyAuthenticationHandler.SchemeName));
    }

    public KeyIdentity? Find(string presentedKey) =>
        _byHash.GetValueOrDefault(Hash(presentedKey));

    public static ApiKeyStore Create(SecurityOptions security, string dataDirectory)
    {
        var configured = security.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key)).ToList();
        if (configured.Count > 0)
            return new ApiKeyStore(Index(configured.Select((k, i) =>
                (k.Key, (IReadOnlyList<string>)k.Roles, Tenants.Validate(k.Tenant, $"{SecurityOptions.Section}:ApiKeys:{i}:Tenant")))), null);

        var file = Path.GetFullPath(Path.Combine(dataDirectory, GeneratedKeyFileName));
        var keys = File.Exists(file) ? ReadGenerated(file) : WriteGenerated(file);
        return new ApiKeyStore(Index(keys.Select(k => (k.Value, (IReadOnlyList<string>)[k.Key], SessionKey.DefaultTenant))), file);
    }

    private static Dictionary<string, KeyIdentity> Index(IEnumerable<(string Key, IReadOnlyList<string> Roles, string Tenant)> keys)
    {
        var byHash = new Dictionary<string, KeyIdentity>(StringComparer.Ordinal);
        foreach (var (key, roles, tenant) in keys)
        {
            var hash = Hash(key);
            byHash[hash] = new KeyIdentity($"key-{hash[..8]}", roles.Select(r => r.ToLowerInvariant()).ToList(), tenant);
        }
        return byHash;
    }

    private static Dictionary<string, string> ReadGenerated(string file)
    {
        using var stream = File.OpenRead(file);
        var document = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
        return document.Where(p => p.Key.EndsWith("Key", StringComparison.Ordinal))
            .ToDictionary(p => p.Key[..^"Key".Length], p => p.Value);
    }

    private static Dictionary<string, string> WriteGenerated(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var keys = Roles.All.ToDictionary(role => role, role => $"cc_{role}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))}");
        var json = JsonSerializer.Serialize(keys.ToDictionary(k => k.Key + "Key", k => k.Value), new JsonSerializerOptions { WriteIndented = true });
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, options))
            stream.Write(Encoding.UTF8.GetBytes(json + "\n"));
        return keys;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
