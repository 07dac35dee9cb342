using Akka.Actor;
using ConsoleContext.Hosting;
using Microsoft.Extensions.Configuration;

namespace ConsoleContext.Host.Wiring;

/// <summary>Reads <c>Cluster:Hostname</c>, <c>Cluster:Port</c>, <c>Cluster:SeedNodes</c> and <c>Cluster:Roles</c> (docs/configuration.md).</summary>
public static class ClusterSettings
{
    public const string Section = "Cluster";

    /// <summary>The node as configured; by default a one-node cluster on 127.0.0.1 and any free port that joins itself.</summary>
    /// <exception cref="StartupException">A port outside 0-65535, a seed node that is not an Akka address of the <c>console-context</c> system, or an empty role.</exception>
    public static ClusterNode From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var hostname = section["Hostname"] is { Length: > 0 } h ? h : ClusterNode.SingleNode.Hostname;
        var portText = section["Port"];
        var port = 0;
        if (!string.IsNullOrWhiteSpace(portText) && (!int.TryParse(portText, out port) || port is < 0 or > 65535))
            throw new StartupException($"Cluster:Port \"{portText}\" is not a TCP port (0-65535; 0 takes any free port)");
        var seeds = Values(section.GetSection("SeedNodes"));
        foreach (var seed in seeds)
        {
            if (!Address.TryParse(seed, out var address) || address.System != TrackerWiring.ActorSystemName || address.Port is null)
                throw new StartupException(
                    $"Cluster:SeedNodes entry \"{seed}\" is not an Akka address of this service; write akka.tcp://{TrackerWiring.ActorSystemName}@HOST:PORT");
        }
        var roles = Values(section.GetSection("Roles"));
        if (roles.Any(string.IsNullOrWhiteSpace))
            throw new StartupException("Cluster:Roles has an empty entry");
        return new ClusterNode(hostname, port, seeds, roles);
    }

    // A list in ASP.NET Core style (Cluster:SeedNodes:0=...), or one comma-separated value (Cluster__SeedNodes=a,b).
    private static List<string> Values(IConfigurationSection section)
    {
        var items = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (items.Count == 0 && !string.IsNullOrWhiteSpace(section.Value))
            items = [.. section.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        return items;
    }
}
