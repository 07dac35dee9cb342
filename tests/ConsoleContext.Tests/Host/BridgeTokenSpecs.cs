using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using ConsoleContext.Host.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>Browser-safe bridge tokens: minted with an ingest key, good for one session's events and nothing else.</summary>
public sealed class BridgeTokenSpecs
{
    [Fact]
    public async Task A_minted_token_is_a_jwt_for_the_session_with_the_default_tenant_and_its_expiry()
    {
        await using var host = await RunningHost.StartAsync();
        var before = DateTimeOffset.UtcNow;
        var (token, expiresAt) = await MintAsync(host, "agent-b", 600);

        var jwt = new JsonWebToken(token);
        Assert.Equal("agent-b", jwt.GetClaim(BridgeTokens.SessionClaim).Value);
        Assert.Equal("default", jwt.GetClaim(BridgeTokens.TenantClaim).Value);
        Assert.InRange(expiresAt, before.AddSeconds(599), DateTimeOffset.UtcNow.AddSeconds(601));
        Assert.True(File.Exists(Path.Combine(host.DataDirectory, BridgeTokens.KeyFileName)), "the signing key is generated into the data directory");
    }

    [Fact]
    public async Task A_token_posts_events_and_envelopes_of_its_session_and_a_body_naming_another_session_is_refused_whole()
    {
        await using var host = await RunningHost.StartAsync();
        var (token, _) = await MintAsync(host, "agent-b", 600);
        using var bridge = host.Client(token);

        var own = await bridge.PostAsync("/v1/events", HostCalls.Json("""{"eventId":"b1","sessionId":"agent-b","type":"tabCreated","tabId":"ctab0"}"""));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var native = await NativeEndpointSpecs.PostNativeAsync(bridge, """{"eventId":"b2","sessionId":"agent-b","source":"workspace.tabClosed","payload":{"tabId":"ctab0"}}""");
        Assert.Equal("applied", (string)native[0]!["outcome"]!);

        var mixed = await bridge.PostAsync("/v1/native", HostCalls.Json("""
            [{"eventId":"b3","sessionId":"agent-b","source":"workspace.tabCreated","payload":{"tabId":"ctab5"}},
             {"eventId":"x1","sessionId":"agent-other","source":"workspace.tabCreated","payload":{"tabId":"ctab6"}}]
            """));
        Assert.Equal(HttpStatusCode.Forbidden, mixed.StatusCode);
        Assert.Contains("item 1 is for another session", await mixed.Content.ReadAsStringAsync());
        var otherEvent = await bridge.PostAsync("/v1/events", HostCalls.Json("""{"eventId":"x2","sessionId":"agent-other","type":"tabCreated","tabId":"ctab0"}"""));
        Assert.Equal(HttpStatusCode.Forbidden, otherEvent.StatusCode);

        using var query = host.Client(RunningHost.QueryKey);
        var snapshot = JsonNode.Parse(await query.GetStringAsync("/v1/sessions/agent-b"))!;
        Assert.DoesNotContain("ctab5", snapshot.ToJsonString());
    }

    [Fact]
    public async Task A_token_reads_nothing_and_mints_nothing()
    {
        await using var host = await RunningHost.StartAsync();
        var (token, _) = await MintAsync(host, "agent-b", 600);
        using var bridge = host.Client(token);

        var read = await bridge.GetAsync("/v1/sessions/agent-b");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Contains("own session", await read.Content.ReadAsStringAsync());
        var mint = await bridge.PostAsJsonAsync("/v1/bridge-tokens", new { sessionId = "agent-b" });
        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);
    }

    [Fact]
    public async Task An_expired_or_forged_token_gets_401_with_a_problem_that_says_which()
    {
        await using var host = await RunningHost.StartAsync();
        await MintAsync(host, "agent-b", 600);
        var past = new FixedClock(DateTimeOffset.UtcNow.AddHours(-2));
        var (expired, _) = BridgeTokens.Create(null, host.DataDirectory, past).Mint("agent-b", TimeSpan.FromMinutes(5));
        var forgedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var (forged, _) = BridgeTokens.Create(forgedKey, host.DataDirectory).Mint("agent-b", TimeSpan.FromMinutes(5));
        const string body = """{"eventId":"b1","sessionId":"agent-b","source":"workspace.tabClosed","payload":{"tabId":"ctab0"}}""";

        using var withExpired = host.Client(expired);
        var late = await withExpired.PostAsync("/v1/native", HostCalls.Json(body));
        Assert.Equal(HttpStatusCode.Unauthorized, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
        Assert.Contains("the bridge token expired at", await late.Content.ReadAsStringAsync());

        using var withForged = host.Client(forged);
        var fake = await withForged.PostAsync("/v1/native", HostCalls.Json(body));
        Assert.Equal(HttpStatusCode.Unauthorized, fake.StatusCode);
        Assert.Contains("not issued by this service", await fake.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"ttlSeconds":600}""", "sessionId must be")]
    [InlineData("""{"sessionId":"bad id"}""", "sessionId must be")]
    [InlineData("""{"sessionId":"agent-b","ttlSeconds":59}""", "ttlSeconds must be an integer from 60 to 86400")]
    [InlineData("""{"sessionId":"agent-b","ttlSeconds":"600"}""", "ttlSeconds must be an integer from 60 to 86400")]
    [InlineData("""["agent-b"]""", "the body must be a JSON object")]
    public async Task A_bad_token_request_is_a_400_naming_the_field(string request, string problem)
    {
        await using var host = await RunningHost.StartAsync();
        using var ingest = host.Client(RunningHost.IngestKey);

        var response = await ingest.PostAsync("/v1/bridge-tokens", HostCalls.Json(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bridge_on_an_allowed_origin_may_load_the_script_and_post_envelopes_across_origins()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();

        using var script = new HttpRequestMessage(HttpMethod.Get, "/bridge/consolecontext-bridge.js") { Headers = { { "Origin", RunningHost.AllowedOrigin } } };
        var served = await client.SendAsync(script);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("text/javascript", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(RunningHost.AllowedOrigin, served.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("export function startBridge", await served.Content.ReadAsStringAsync());

        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/v1/native")
        {
            Headers = { { "Origin", RunningHost.AllowedOrigin }, { "Access-Control-Request-Method", "POST" }, { "Access-Control-Request-Headers", "authorization,content-type" } },
        };
        var allowed = await client.SendAsync(preflight);
        Assert.Equal(RunningHost.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/bridge/consolecontext-bridge.js") { Headers = { { "Origin", "https://evil.example" } } };
        Assert.False((await client.SendAsync(elsewhere)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_console_page_gets_a_demo_token_only_when_opened_from_the_services_machine()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();

        var page = await client.GetAsync("/console");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var demo = JsonNode.Parse(await client.GetStringAsync("/console/demo-session"))!;
        Assert.StartsWith("console-demo-", (string)demo["sessionId"]!);
        Assert.Equal((string)demo["sessionId"]!, new JsonWebToken((string)demo["token"]!).GetClaim(BridgeTokens.SessionClaim).Value);
    }

    private static async Task<(string Token, DateTimeOffset ExpiresAt)> MintAsync(RunningHost host, string sessionId, int ttlSeconds)
    {
        using var ingest = host.Client(RunningHost.IngestKey);
        var response = await ingest.PostAsJsonAsync("/v1/bridge-tokens", new { sessionId, ttlSeconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)body["token"]!, DateTimeOffset.Parse((string)body["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
