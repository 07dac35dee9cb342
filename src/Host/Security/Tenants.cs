using System.Security.Claims;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Parsing;

namespace ConsoleContext.Host.Security;

/// <summary>
/// The tenant of a request: the one seam every route reads. Any authentication scheme (API keys, bridge tokens)
/// states it as a claim named <see cref="ClaimType"/>; a principal without one belongs to <see cref="SessionKey.DefaultTenant"/>.
/// </summary>
public static class Tenants
{
    /// <summary>The claim that carries the tenant name.</summary>
    public const string ClaimType = "tenant";

    /// <summary>The tenant of the authenticated <paramref name="user"/>.</summary>
    public static string Of(ClaimsPrincipal user) => user.FindFirst(ClaimType)?.Value ?? SessionKey.DefaultTenant;

    /// <summary>The tenant of the request's user.</summary>
    public static string Tenant(this HttpContext context) => Of(context.User);

    /// <summary>A configured tenant name, or <see cref="SessionKey.DefaultTenant"/> when blank; throws naming <paramref name="setting"/> when invalid.</summary>
    public static string Validate(string? tenant, string setting)
    {
        if (string.IsNullOrWhiteSpace(tenant))
            return SessionKey.DefaultTenant;
        if (!ConsoleEventParser.IsValidSessionId(tenant))
            throw new Wiring.StartupException(
                $"{setting} \"{tenant}\" is not a valid tenant name: it must be 1-128 characters from A-Z, a-z, 0-9 and . _ : @ -; correct the setting");
        return tenant;
    }
}
