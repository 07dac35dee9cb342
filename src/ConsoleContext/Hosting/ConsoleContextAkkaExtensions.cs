using Akka.Hosting;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Rules;

namespace ConsoleContext.Hosting;

/// <summary>The production wiring of the tracker, shared by the Host and the tests.</summary>
public static class ConsoleContextAkkaExtensions
{
    /// <summary>
    /// Starts the session entry point (registered as <see cref="SessionRouterActor"/>) and the call directory
    /// (registered as <see cref="CallIndexActor"/>). Settings come from
    /// <paramref name="settings"/> when given, else from the actor system's <c>console-context</c> HOCON section.
    /// </summary>
    public static AkkaConfigurationBuilder AddConsoleContext(this AkkaConfigurationBuilder builder, OwnershipSettings? settings = null)
    {
        return builder.WithActors((system, registry) =>
        {
            var rules = new OwnershipRules(settings ?? OwnershipSettings.FromConfig(system.Settings.Config));
            var callIndex = system.ActorOf(CallIndexActor.Props(), "calls");
            registry.Register<CallIndexActor>(callIndex);
            registry.Register<SessionRouterActor>(system.ActorOf(SessionRouterActor.Props(rules, callIndex), "sessions"));
        });
    }
}
