using Akka.Configuration;
using ConsoleContext.Hosting;
using Xunit.Abstractions;

namespace ConsoleContext.Tests;

/// <summary>A plain Akka.TestKit.Xunit2 TestKit with the library's own HOCON: serializer bindings and the in-memory journal.</summary>
public abstract class TrackerTestKit(string extraHocon = "", ITestOutputHelper? output = null)
    : Akka.TestKit.Xunit2.TestKit(ConfigurationFactory.ParseString(extraHocon).WithFallback(ConsoleContextConfig.ForTests), output: output);
