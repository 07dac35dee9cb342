using System.Net;
using System.Text.Json.Nodes;
using ConsoleContext.Host;
using ConsoleContext.Tests.Host;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ConsoleContext.Tests.Tenants;

/// <summary>
/// Every API key belongs to one tenant: one tenant's keys never see another's sessions, calls or tapes (404, exactly
/// as if the thing did not exist), the same sessionId or callId in two tenants are unrelated, and the default tenant's
/// journal keeps the persistence ids it had before tenants existed.
/// </summary>
public sealed class TenantIsolationSpecs
{
    private const string AcmeIngest = "acme-ingest";
    private const string AcmeQuery = "acme-query";
    private const string GlobexIngest = "globex-ingest";
    private const string GlobexQuery = "globex-query";

    private static readonly string[] TenantKeys =
    [
        $"Security:ApiKeys:2:Key={AcmeIngest}", "Security:ApiKeys:2:Roles:0=ingest", "Security:ApiKeys:2:Tenant=acme",
        $"Security:ApiKeys:3:Key={AcmeQuery}", "Security:ApiKeys:3:Roles:0=query", "Security:ApiKeys:3:Tenant=acme",
        $"Security:ApiKeys:4:Key={GlobexIngest}", "Security:ApiKeys:4:Roles:0=ingest", "Security:ApiKeys:4:Tenant=globex",
        $"Security:ApiKeys:5:Key={GlobexQuery}", "Security:ApiKeys:5:Roles:0=query", "Security:ApiKeys:5:Tenant=globex",
    ];

    private static string CallStarted(string eventId, string sessionId, string callId) =>
        $$"""{"eventId":"{{eventId}}","sessionId":"{{sessionId}}","type":"callStarted","callId":"{{callId}}","callType":"inbound"}""";

    private static string TabCreated(string eventId, string sessionId, string tabId) =>
        $$"""{"eventId":"{{eventId}}","sessionId":"{{sessionId}}","type":"tabCreated","tabId":"{{tabId}}"}""";

    [Fact]
    public async Task A_bridge_token_belongs_to_the_tenant_of_the_key_that_minted_it()
    {
        await using var host = await RunningHost.StartAsync(settings: TenantKeys);
        using var acme = host.Client(AcmeIngest);
        var minted = await acme.PostAsync("/v1/bridge-tokens",
            new StringContent("""{"sessionId":"shared-agent","ttlSeconds":600}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var token = (string)JsonNode.Parse(await minted.Content.ReadAsStringAsync())!["token"]!;

        using var bridge = host.Client(token);
        await bridge.PostEventsAsync(TabCreated("b1", "shared-agent", "acme-tab"));

        using var acmeQuery = host.Client(AcmeQuery);
        var snapshot = JsonNode.Parse(await acmeQuery.GetStringAsync("/v1/sessions/shared-agent"))!;
        Assert.Equal("acme-tab", (string)snapshot["consoles"]![0]!["tabs"]![0]!["tabId"]!);
        using var defaultQuery = host.Client(RunningHost.QueryKey);
        Assert.Equal(HttpStatusCode.NotFound, (await defaultQuery.GetAsync("/v1/sessions/shared-agent")).StatusCode);
    }

    [Fact]
    public async Task A_tenant_never_sees_another_tenants_sessions_calls_or_tapes()
    {
        await using var host = await RunningHost.StartAsync(settings: TenantKeys);
        using var acme = host.Client(AcmeIngest);
        await acme.PostEventsAsync($"[{TabCreated("a1", "acme-agent", "ctab0")},{CallStarted("a2", "acme-agent", "acme-call")}]");

        using var acmeQuery = host.Client(AcmeQuery);
        Assert.Equal(HttpStatusCode.OK, (await acmeQuery.GetAsync("/v1/sessions/acme-agent")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acmeQuery.GetAsync("/v1/calls/acme-call")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acmeQuery.GetAsync("/v1/calls/acme-call/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await acmeQuery.GetAsync("/v1/sessions/acme-agent/tape")).StatusCode);

        foreach (var otherKey in new[] { GlobexQuery, RunningHost.QueryKey })
        {
            using var other = host.Client(otherKey);
            foreach (var route in new[] { "/v1/sessions/acme-agent", "/v1/calls/acme-call", "/v1/calls/acme-call/timeline", "/v1/sessions/acme-agent/tape" })
            {
                var crossTenant = await other.GetAsync(route);
                var neverExisted = await other.GetAsync(route.Replace("acme-", "nobody-"));
                Assert.Equal(HttpStatusCode.NotFound, crossTenant.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, neverExisted.StatusCode);
                Assert.Equal(ProblemWithoutTrace(await neverExisted.Content.ReadAsStringAsync()).Replace("nobody-", "acme-"),
                    ProblemWithoutTrace(await crossTenant.Content.ReadAsStringAsync()));
            }
        }
    }

    private static string ProblemWithoutTrace(string json)
    {
        var problem = JsonNode.Parse(json)!.AsObject();
        problem.Remove("traceId");
        return problem.ToJsonString();
    }

    [Fact]
    public async Task The_same_session_id_and_call_id_in_two_tenants_are_unrelated_also_after_a_restart()
    {
        var data = RunningHost.NewDataDirectory();
        try
        {
            await using (var host = await RunningHost.StartAsync(dataDirectory: data, settings: TenantKeys))
            {
                using var acme = host.Client(AcmeIngest);
                using var globex = host.Client(GlobexIngest);
                using var defaultTenant = host.Client(RunningHost.IngestKey);
                // The same eventIds too: duplicate detection is per session, and these are three sessions.
                await acme.PostEventsAsync($"[{TabCreated("e1", "agent-7", "acme-tab")},{CallStarted("e2", "agent-7", "call-42")}]");
                var globexDecisions = JsonNode.Parse(await globex.PostEventsAsync(
                    $"[{TabCreated("e1", "agent-7", "globex-tab")},{CallStarted("e2", "agent-7", "call-42")}]"))!.AsArray();
                Assert.Equal(["applied", "applied"], globexDecisions.Select(d => (string)d!["outcome"]!));
                await defaultTenant.PostEventsAsync(TabCreated("e1", "agent-7", "default-tab"));

                await AssertEachTenantSeesItsOwnAsync(host);
            }

            await using (var restarted = await RunningHost.StartAsync(dataDirectory: data, settings: TenantKeys))
                await AssertEachTenantSeesItsOwnAsync(restarted);

            // The default tenant keeps the persistence ids of journals written before tenants existed.
            using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "console-context.db")}");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT persistence_id FROM journal WHERE persistence_id LIKE '%session-agent-7' ORDER BY 1";
            var ids = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    ids.Add(reader.GetString(0));
            }
            Assert.Equal(["session-agent-7", "tenant-acme/session-agent-7", "tenant-globex/session-agent-7"], ids);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task AssertEachTenantSeesItsOwnAsync(RunningHost host)
    {
        foreach (var (key, tab) in new[] { (AcmeQuery, "acme-tab"), (GlobexQuery, "globex-tab"), (RunningHost.QueryKey, "default-tab") })
        {
            using var query = host.Client(key);
            var snapshot = JsonNode.Parse(await query.GetStringAsync("/v1/sessions/agent-7"))!;
            Assert.Equal([tab], snapshot["consoles"]![0]!["tabs"]!.AsArray().Select(t => (string)t!["tabId"]!));
            var tape = (await query.GetStringAsync("/v1/sessions/agent-7/tape")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(tab, tape[0]);
            var call = await query.GetAsync("/v1/calls/call-42");
            if (key == RunningHost.QueryKey)
                Assert.Equal(HttpStatusCode.NotFound, call.StatusCode);
            else
                Assert.Equal("agent-7", (string)JsonNode.Parse(await call.Content.ReadAsStringAsync())!["sessionId"]!);
        }
    }

    [Fact]
    public async Task The_decision_stream_of_a_session_carries_only_its_own_tenants_decisions()
    {
        await using var host = await RunningHost.StartAsync(settings: TenantKeys);
        using var globexQuery = host.Client(GlobexQuery);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sessions/agent-7/decisions");
        using var response = await globexQuery.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal(": subscribed", await reader.ReadLineAsync());

        using var acme = host.Client(AcmeIngest);
        using var globex = host.Client(GlobexIngest);
        await acme.PostEventsAsync(TabCreated("s1", "agent-7", "acme-tab"));
        await globex.PostEventsAsync(TabCreated("s2", "agent-7", "globex-tab"));

        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
            if (line!.StartsWith("data: ", StringComparison.Ordinal))
                data = line;
        }
        Assert.Equal("s2", (string)JsonNode.Parse(data["data: ".Length..])!["eventId"]!);
    }

    [Fact]
    public void A_key_with_an_invalid_tenant_name_stops_the_start_naming_the_setting()
    {
        var error = Assert.Throws<ConsoleContext.Host.Wiring.StartupException>(() => TrackerApp.Create([
            "--urls=http://127.0.0.1:0", $"--Storage:DataDirectory={RunningHost.NewDataDirectory()}",
            "--Security:ApiKeys:0:Key=k", "--Security:ApiKeys:0:Roles:0=query", "--Security:ApiKeys:0:Tenant=no/slashes",
        ]));
        Assert.Contains("Security:ApiKeys:0:Tenant", error.Message);
        Assert.Contains("no/slashes", error.Message);
    }
}
