using ConsoleContext.Tests.Host;
using Xunit;

namespace ConsoleContext.Tests.Bridge;

/// <summary>
/// The browser bridge's own tests, run from <c>dotnet test</c> so the one test command runs everything: its logic under
/// Node's test runner with fake platforms and a fake fetch, and the /console page with the served bridge in Debian's
/// headless Chromium against the real service.
/// </summary>
public sealed class BridgeNodeSpecs
{
    [Fact]
    public async Task The_bridge_logic_passes_its_node_tests()
    {
        var run = await NodeTestRun.RunAsync("tests/", new Dictionary<string, string>(), TimeSpan.FromSeconds(60));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.True(run.Passed >= 11, $"expected the bridge's 11 node tests to pass:\n{run.Output}");
        Assert.Equal(0, run.Failed);
        Assert.Equal(0, run.Skipped);
    }

    [Fact]
    public async Task The_console_page_drives_the_served_bridge_in_headless_chromium_and_the_service_names_the_clicked_tab_as_owner()
    {
        Assert.True(NodeTestRun.HasPackage("playwright-core"),
            "bridge/node_modules/playwright-core is missing: run scripts/test.sh (it runs npm ci in bridge/) or `npm ci --prefix bridge`");
        Assert.True(File.Exists("/usr/bin/chromium"), "Debian's chromium is missing: run scripts/test.sh (it installs it) or apt-get install -y chromium");
        await using var host = await RunningHost.StartAsync();
        var screenshot = Path.Combine(host.DataDirectory, "console-mid-call.png");

        var run = await NodeTestRun.RunAsync("browser-tests/", new Dictionary<string, string>
        {
            ["CC_BASE_URL"] = host.BaseAddress.ToString().TrimEnd('/'),
            ["CC_QUERY_KEY"] = RunningHost.QueryKey,
            ["CC_SCREENSHOT"] = screenshot,
        }, TimeSpan.FromSeconds(120));

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(3, run.Passed);
        Assert.Equal(0, run.Failed);
        Assert.Equal(0, run.Skipped);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "the mid-call screenshot is a PNG");
    }
}
