using System.Collections.Concurrent;
using Akka.Actor;

namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// Which tenants have a tenant-wide decision stream open. While one does, every session of the tenant publishes its
/// decisions (as <see cref="StreamedDecision"/>) on the actor system's event stream; otherwise sessions skip that work.
/// </summary>
public sealed class TenantFollowers : IExtension
{
    private readonly ConcurrentDictionary<string, int> _followers = new(StringComparer.Ordinal);

    /// <summary>The actor system's one instance.</summary>
    public static TenantFollowers Get(ActorSystem system) => system.WithExtension<TenantFollowers, TenantFollowersProvider>();

    /// <summary>True while at least one tenant-wide stream of <paramref name="tenant"/> is open.</summary>
    public bool IsFollowed(string tenant) => _followers.TryGetValue(tenant, out var count) && count > 0;

    /// <summary>Counts one more follower of <paramref name="tenant"/> until the returned handle is disposed.</summary>
    public IDisposable Follow(string tenant)
    {
        _followers.AddOrUpdate(tenant, 1, (_, count) => count + 1);
        return new Unfollow(this, tenant);
    }

    private sealed class Unfollow(TenantFollowers followers, string tenant) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                followers._followers.AddOrUpdate(tenant, 0, (_, count) => count - 1);
        }
    }
}

/// <summary>Creates the <see cref="TenantFollowers"/> extension.</summary>
public sealed class TenantFollowersProvider : ExtensionIdProvider<TenantFollowers>
{
    public override TenantFollowers CreateExtension(ExtendedActorSystem system) => new();
}
