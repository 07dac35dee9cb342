using System.Security.Claims;
using ConsoleContext.Host.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>Validated bridge tokens are served from memory until they expire, and never after.</summary>
public sealed class BridgeTokenCacheSpecs
{
    private static readonly AuthenticationScheme Scheme = new(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));
    private static readonly JwtBearerOptions Options = new();

    [Fact]
    public async Task A_validated_token_is_answered_with_its_principal_without_validating_again()
    {
        var cache = new BridgeTokenCache();
        var now = DateTimeOffset.UtcNow;
        var token = Mint(now);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(BridgeTokens.SessionClaim, "agent-b")], "jwt"));

        var before = Received(token);
        await cache.OnMessageReceived(before);
        Assert.Null(before.Result);

        await cache.OnTokenValidated(new TokenValidatedContext(Request(token), Scheme, Options) { Principal = principal, SecurityToken = new JsonWebToken(token) });
        var after = Received(token);
        await cache.OnMessageReceived(after);

        Assert.True(after.Result?.Succeeded);
        Assert.Same(principal, after.Result!.Principal);
        // Token times are whole seconds: another token must be minted a clear second apart from the first, not from a later clock reading.
        var other = Received(Mint(now.AddSeconds(-10)));
        await cache.OnMessageReceived(other);
        Assert.Null(other.Result);
    }

    [Fact]
    public async Task An_expired_token_goes_back_to_full_validation_and_leaves_the_cache()
    {
        var cache = new BridgeTokenCache();
        var token = Mint(DateTimeOffset.UtcNow.AddHours(-2));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(BridgeTokens.SessionClaim, "agent-b")], "jwt"));
        await cache.OnTokenValidated(new TokenValidatedContext(Request(token), Scheme, Options) { Principal = principal, SecurityToken = new JsonWebToken(token) });
        Assert.Equal(1, cache.Count);

        var received = Received(token);
        await cache.OnMessageReceived(received);

        Assert.Null(received.Result);
        Assert.Equal(0, cache.Count);
    }

    private static string Mint(DateTimeOffset now) =>
        BridgeTokens.Create(Convert.ToBase64String(new byte[32]), Path.GetTempPath(), new FixedClock(now)).Mint("agent-b", TimeSpan.FromMinutes(5)).Token;

    private static MessageReceivedContext Received(string token) => new(Request(token), Scheme, Options);

    private static DefaultHttpContext Request(string token)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Bearer " + token;
        return http;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
