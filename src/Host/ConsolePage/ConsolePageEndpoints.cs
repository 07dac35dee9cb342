using System.Net;
using System.Security.Cryptography;
using ConsoleContext.Host.Api;
using ConsoleContext.Host.Security;

namespace ConsoleContext.Host.ConsolePage;

/// <summary>
/// The browser side served by the Host: the bridge module at <c>/bridge/consolecontext-bridge.js</c> and the live
/// console demo at <c>/console</c> (embedded, works offline). A page opened from the service's own machine gets a
/// bridge token for a fresh demo session from <c>/console/demo-session</c>; from elsewhere the page asks for a key.
/// </summary>
public static class ConsolePageEndpoints
{
    public const string BridgePath = "/bridge/consolecontext-bridge.js";
    public const string DemoSessionPrefix = "console-demo-";
    private static readonly TimeSpan DemoTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Maps the bridge script, the /console page and its script, and the loopback-only demo session.</summary>
    public static WebApplication MapConsolePage(this WebApplication app)
    {
        MapResource(app, BridgePath, "bridge/consolecontext-bridge.js", "text/javascript; charset=utf-8");
        MapResource(app, "/console", "console/console.html", "text/html; charset=utf-8");
        MapResource(app, "/console/console.js", "console/console.js", "text/javascript; charset=utf-8");
        app.MapGet("/console/demo-session", DemoSession).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static void MapResource(WebApplication app, string path, string resource, string contentType)
    {
        var bytes = Read(resource);
        app.MapGet(path, () => Results.Bytes(bytes, contentType)).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult DemoSession(HttpContext context, BridgeTokens tokens)
    {
        if (context.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip))
            return Problems.Of(StatusCodes.Status403Forbidden, "Forbidden",
                "demo tokens are minted only for pages opened from the service's own machine; enter an ingest key instead");
        var sessionId = DemoSessionPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var (token, expiresAt) = tokens.Mint(sessionId, DemoTokenLifetime);
        return Results.Ok(new { sessionId, token, expiresAt });
    }

    private static byte[] Read(string resource)
    {
        using var stream = typeof(ConsolePageEndpoints).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from the build");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
