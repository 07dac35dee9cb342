using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsoleContext.Host.Security;

/// <summary>
/// Browser-safe bridge tokens: short-lived JWTs (HS256) that may post events and native envelopes for one session
/// only. The signing key is <c>Security:BridgeTokenSigningKey</c> (base64, at least 32 bytes) or, when that is empty,
/// generated on first start into <see cref="KeyFileName"/> in the data directory (owner-only) and read back later.
/// </summary>
public sealed class BridgeTokens
{
    public const string Issuer = "console-context";
    public const string Audience = "console-context-bridge";
    public const string SessionClaim = "session";
    public const string TenantClaim = "tenant";
    public const string RoleClaim = "role";
    /// <summary>Every token's tenant until tenants exist.</summary>
    public const string DefaultTenant = "default";
    /// <summary>The role a bridge token carries: the post-events policy accepts it beside <see cref="Roles.Ingest"/>.</summary>
    public const string Role = "bridge";
    public const string KeyFileName = "bridge-token-key";
    public const string KeySetting = "Security:BridgeTokenSigningKey";
    public const int MinTtlSeconds = 60;
    public const int MaxTtlSeconds = 86_400;
    public const int DefaultTtlSeconds = 3_600;

    private const int KeyBytes = 32;
    private readonly SymmetricSecurityKey _key;
    private readonly TimeProvider _clock;

    private BridgeTokens(byte[] key, TimeProvider clock)
    {
        _key = new SymmetricSecurityKey(key);
        _clock = clock;
    }

    /// <exception cref="InvalidOperationException">The configured key is not base64 of at least 32 bytes.</exception>
    public static BridgeTokens Create(string? configuredKey, string dataDirectory, TimeProvider? clock = null)
    {
        if (!string.IsNullOrWhiteSpace(configuredKey))
        {
            var bytes = TryBase64(configuredKey.Trim());
            if (bytes is not { Length: >= KeyBytes })
                throw new InvalidOperationException($"{KeySetting} must be base64 of at least {KeyBytes} bytes (e.g. `openssl rand -base64 32`)");
            return new BridgeTokens(bytes, clock ?? TimeProvider.System);
        }
        var file = Path.GetFullPath(Path.Combine(dataDirectory, KeyFileName));
        return new BridgeTokens(File.Exists(file) ? ReadKey(file) : WriteKey(file), clock ?? TimeProvider.System);
    }

    /// <summary>A token for <paramref name="sessionId"/> of <paramref name="tenant"/> valid for <paramref name="ttl"/> from now (whole seconds).</summary>
    /// <param name="tenant">The tenant of the key that asks for the token: the token's events go to that tenant's session.</param>
    public (string Token, DateTimeOffset ExpiresAt) Mint(string sessionId, TimeSpan ttl, string tenant = DefaultTenant)
    {
        var now = _clock.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + ttl).ToUnixTimeSeconds());
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity([
                new Claim(JwtRegisteredClaimNames.Sub, sessionId),
                new Claim(SessionClaim, sessionId),
                new Claim(TenantClaim, tenant),
                new Claim(RoleClaim, Role),
            ]),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
        return (token, expires);
    }

    /// <summary>Issuer, audience, key, HS256 only, lifetime checked with no clock skew.</summary>
    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
        RequireExpirationTime = true,
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = RoleClaim,
    };

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    private static byte[] ReadKey(string file) =>
        TryBase64(File.ReadAllText(file).Trim()) is { Length: >= KeyBytes } key
            ? key
            : throw new InvalidOperationException($"{file} does not hold base64 of at least {KeyBytes} bytes; delete it to generate a new key");

    private static byte[] WriteKey(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(file, options))
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
        return key;
    }
}
