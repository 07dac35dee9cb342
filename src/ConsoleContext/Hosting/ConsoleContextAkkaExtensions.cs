using Akka.Hosting;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Rules;

namespace ConsoleContext.Hosting;

/// <summary>The production wiring of the tracker, shared by the Host and the tests.</summary>
public static class ConsoleContextAkkaExtensions
{
    /// <summary>
    /// Starts the session entry point (registered as <see cref="SessionRouterActor"/>). Settings come from
    /// <paramref name="settings"/> when given, else from the actor system's <c>console-context</c> HOCON section.
    /// </summary>
    public static AkkaConfigurationBuilder AddConsoleContext(this AkkaConfigurationBuilder builder, OwnershipSettings? settings = null)
    {
        return builder.WithActors((system, registry) =>
        {
            var rules = new OwnershipRules(settings ?? OwnershipSettings.FromConfig(system.Settings.Config));
            registry.Register<SessionRouterActor>(system.ActorOf(SessionRouterActor.Props(rules), "sessions"));
        });
    }
}
