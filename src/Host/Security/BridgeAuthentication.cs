using ConsoleContext.Host.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace ConsoleContext.Host.Security;

/// <summary>
/// Wires bridge tokens beside the API keys: a bearer credential shaped like a JWT (three dot-separated parts) is
/// validated as a bridge token, anything else as an API key. Their 401 and 403 answers are problem+json.
/// </summary>
public static class BridgeAuthentication
{
    public const string SelectorScheme = "api-key-or-bridge-token";
    /// <summary>The policy of the routes a bridge posts to: an ingest key or a bridge token.</summary>
    public const string PostEventsPolicy = "post-events";

    /// <summary>Registers <see cref="BridgeTokens"/>, the scheme selector, JWT bearer validation and the post-events policy.</summary>
    /// <exception cref="InvalidOperationException">The configured signing key is not base64 of at least 32 bytes.</exception>
    public static WebApplicationBuilder AddBridgeTokens(this WebApplicationBuilder builder, string dataDirectory)
    {
        var tokens = BridgeTokens.Create(builder.Configuration[BridgeTokens.KeySetting], dataDirectory);
        builder.Services.AddSingleton(tokens);
        var validated = new BridgeTokenCache();
        builder.Services.AddSingleton(validated);
        builder.Services.AddAuthentication(o => o.DefaultScheme = SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bridge token", o => o.ForwardDefaultSelector = context =>
                IsJwt(context.Request.Headers.Authorization.ToString()) ? JwtBearerDefaults.AuthenticationScheme : ApiKeyAuthenticationHandler.SchemeName)
            .AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = tokens.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = validated.OnMessageReceived,
                    OnTokenValidated = validated.OnTokenValidated,
                    OnChallenge = context =>
                    {
                        context.HandleResponse();
                        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                        return Problems.Write(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", ChallengeDetail(context.AuthenticateFailure));
                    },
                    OnForbidden = context => Problems.Write(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden",
                        "a bridge token may only post events and native envelopes of its own session"),
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PostEventsPolicy, p => p.RequireRole(Roles.Ingest, BridgeTokens.Role));
        return builder;
    }

    private static bool IsJwt(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.AsSpan(7).Trim().Count('.') == 2;

    private static string ChallengeDetail(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException expired => $"the bridge token expired at {expired.Expires:yyyy-MM-dd'T'HH:mm:ss'Z'}; ask your backend for a new one (POST /v1/bridge-tokens)",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
            "the bridge token's signature is not valid: it was not issued by this service",
        SecurityTokenException invalid => $"the bridge token is not valid: {invalid.Message}",
        _ => "a valid bridge token or API key is required: send Authorization: Bearer <token>",
    };
}
