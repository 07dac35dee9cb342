using ConsoleContext.Host.Api;
using ConsoleContext.Host.ConsolePage;
using ConsoleContext.Host.Security;

namespace ConsoleContext.Host.Wiring;

/// <summary>What the browser bridge needs from the Host: bridge tokens, native envelopes, the served script and the /console demo.</summary>
public static class BridgeWiring
{
    /// <summary>Bridge tokens (signing key from settings or the data directory) and the native gateway.</summary>
    public static WebApplicationBuilder AddBrowserBridge(this WebApplicationBuilder builder, string dataDirectory)
    {
        builder.AddBridgeTokens(dataDirectory);
        builder.Services.AddSingleton<NativeGateway>();
        return builder;
    }

    /// <summary><c>POST /v1/native</c> and <c>POST /v1/bridge-tokens</c>.</summary>
    public static RouteGroupBuilder MapBrowserBridgeRoutes(this RouteGroupBuilder v1) => v1.MapNative().MapBridgeTokens();
}
