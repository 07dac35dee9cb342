using ConsoleContext.Host.Api;
using ConsoleContext.Host.ConsolePage;
using ConsoleContext.Host.Security;

namespace ConsoleContext.Host.Wiring;

/// <summary>What the browser bridge needs from the Host: bridge tokens, native envelopes, the served script and the /console demo.</summary>
public static class BridgeWiring
{
    public static WebApplicationBuilder AddBrowserBridge(this WebApplicationBuilder builder, string dataDirectory)
    {
        builder.AddBridgeTokens(dataDirectory);
        builder.Services.AddSingleton<NativeGateway>();
        return builder;
    }

    public static RouteGroupBuilder MapBrowserBridgeRoutes(this RouteGroupBuilder v1) => v1.MapNative().MapBridgeTokens();
}
