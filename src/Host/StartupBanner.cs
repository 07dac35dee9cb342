using ConsoleContext.Host.Options;
using ConsoleContext.Host.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ConsoleContext.Host;

/// <summary>Tells a first-time user where the service listens, where its data and keys are, and what to paste.</summary>
public static class StartupBanner
{
    public static void Register(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ConsoleContext.Host");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var storage = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value;
            var keys = app.Services.GetRequiredService<ApiKeyStore>();

            logger.LogInformation("ConsoleContext listening on {Urls}; API reference at {Url}/scalar/v1", string.Join(", ", addresses), url);
            logger.LogInformation("Data directory: {DataDirectory}", Path.GetFullPath(storage.DataDirectory));
            if (keys.GeneratedKeyFile is { } file)
            {
                logger.LogInformation("API keys (one per role) are in {KeyFile}, readable only by you", file);
                var curl = $"INGEST_KEY=$(sed -n 's/.*\"ingestKey\": \"\\(.*\\)\".*/\\1/p' {file}){Environment.NewLine}" +
                           $"  curl -s -X POST {url}/v1/events -H \"Authorization: Bearer $INGEST_KEY\" -H 'Content-Type: application/json' " +
                           """-d '{"eventId":"e1","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0"}'""";
                logger.LogInformation("Try it:{NewLine:l}  {Curl:l}", Environment.NewLine, curl);
            }
            else
            {
                logger.LogInformation("API keys come from configuration (Security:ApiKeys)");
            }
        });
    }
}
