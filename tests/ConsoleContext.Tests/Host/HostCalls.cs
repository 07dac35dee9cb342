using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Host.Commands;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>What the host specs do over and over: post events, compare decisions, replay tapes with the real command.</summary>
internal static class HostCalls
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Posts one event or a batch and returns the body of the 200 answer.</summary>
    public static async Task<string> PostEventsAsync(this HttpClient client, string json)
    {
        var response = await client.PostAsync("/v1/events", Json(json));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>One JSON text in one spelling, so decisions compare by content and field order, not by whitespace.</summary>
    public static string Canonical(string json) => JsonSerializer.Serialize(JsonNode.Parse(json));

    /// <summary>Runs <c>replay FILE</c> and returns its stdout decisions, canonical.</summary>
    public static async Task<List<string>> ReplayFileAsync(string path)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(0, await ReplayCommand.RunAsync([path], stdout, stderr));
        return stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Canonical).ToList();
    }

    public static async Task<List<string>> ReplayLinesAsync(IEnumerable<string> lines)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllLinesAsync(path, lines);
            return await ReplayFileAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
