namespace ConsoleContext.Hosting;

/// <summary>
/// This node's place in the cluster: where its remoting listens, whom it joins, and the roles it announces.
/// </summary>
/// <param name="Hostname">The address other nodes reach this one at (also the bind address), e.g. <c>127.0.0.1</c>.</param>
/// <param name="Port">The remoting TCP port; 0 takes any free port (fine for a node nobody names as a seed).</param>
/// <param name="SeedNodes">Akka addresses such as <c>akka.tcp://console-context@127.0.0.1:4053</c>; empty: the node joins itself.</param>
/// <param name="Roles">Cluster roles; a node without <see cref="ConsoleContextCluster.SessionsRole"/> (and with any role) hosts no sessions.</param>
public sealed record ClusterNode(string Hostname, int Port, IReadOnlyList<string> SeedNodes, IReadOnlyList<string> Roles)
{
    /// <summary>A one-node cluster on 127.0.0.1 with any free port: what a single service and the tests run.</summary>
    public static ClusterNode SingleNode { get; } = new("127.0.0.1", 0, [], []);

    /// <summary>The roles the node announces: the configured ones, or <see cref="ConsoleContextCluster.SessionsRole"/> when none are (a node with no roles hosts everything).</summary>
    public IReadOnlyList<string> EffectiveRoles => Roles.Count == 0 ? [ConsoleContextCluster.SessionsRole] : Roles;

    /// <summary>True when this node hosts sessions, the call directory and the retention registry.</summary>
    public bool HostsSessions => EffectiveRoles.Contains(ConsoleContextCluster.SessionsRole, StringComparer.Ordinal);
}
