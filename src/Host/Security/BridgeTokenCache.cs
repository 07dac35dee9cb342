using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ConsoleContext.Host.Security;

/// <summary>
/// Bridge tokens already validated, with the principal their validation produced, so that a bridge posting event after
/// event with the same token pays the signature check and the claims parsing once. An entry serves only until the
/// token's expiry (no clock skew, as validation); from then on the token goes through full validation again, which
/// answers the 401 that names the expiry. At most <see cref="Capacity"/> tokens are held: when full, expired entries are
/// dropped, and if that frees nothing new tokens are validated every time without being cached.
/// </summary>
public sealed class BridgeTokenCache
{
    /// <summary>Tokens held at most (about 1 KB each: the token text and its principal).</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (ClaimsPrincipal Principal, DateTime ExpiresUtc)> _tokens = new(StringComparer.Ordinal);

    /// <summary>Serves a token validated before and not yet expired (<see cref="JwtBearerEvents.OnMessageReceived"/>).</summary>
    public Task OnMessageReceived(MessageReceivedContext context)
    {
        var token = BearerToken(context.Request.Headers.Authorization.ToString());
        if (token is not null && _tokens.TryGetValue(token, out var entry))
        {
            if (DateTime.UtcNow < entry.ExpiresUtc)
            {
                context.Principal = entry.Principal;
                context.Success();
            }
            else
            {
                _tokens.TryRemove(token, out _);
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Remembers a token that has just passed validation (<see cref="JwtBearerEvents.OnTokenValidated"/>).</summary>
    public Task OnTokenValidated(TokenValidatedContext context)
    {
        var token = BearerToken(context.Request.Headers.Authorization.ToString());
        if (token is null || context.Principal is null || context.SecurityToken.ValidTo == DateTime.MinValue)
            return Task.CompletedTask;
        if (_tokens.Count >= Capacity)
        {
            var now = DateTime.UtcNow;
            foreach (var pair in _tokens)
                if (pair.Value.ExpiresUtc <= now)
                    _tokens.TryRemove(pair.Key, out _);
            if (_tokens.Count >= Capacity)
                return Task.CompletedTask;
        }
        _tokens[token] = (context.Principal, DateTime.SpecifyKind(context.SecurityToken.ValidTo, DateTimeKind.Utc));
        return Task.CompletedTask;
    }

    /// <summary>Tokens held now.</summary>
    public int Count => _tokens.Count;

    private static string? BearerToken(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
}
