using Akka.Configuration;
using ConsoleContext.Hosting;

namespace ConsoleContext.Tests;

/// <summary>A plain Akka.TestKit.Xunit2 TestKit with the library's own HOCON: serializer bindings and the in-memory journal.</summary>
public abstract class TrackerTestKit(string extraHocon = "")
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(extraHocon).WithFallback(ConsoleContextConfig.ForTests));
