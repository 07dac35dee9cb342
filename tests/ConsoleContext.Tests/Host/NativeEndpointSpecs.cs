using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary><c>POST /v1/native</c> as a browser bridge uses it: envelopes in, decisions of the canonical events out.</summary>
public sealed class NativeEndpointSpecs
{
    [Fact]
    public async Task One_envelope_or_a_batch_always_answers_an_array_of_decisions_flattened_in_input_order()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client(RunningHost.IngestKey);

        var one = await PostNativeAsync(client, """
            {"eventId":"n1","sessionId":"agent-n","source":"workspace.tabCreated","payload":{"tabId":"ctab0"},"tabInfo":{"recordId":"003B","isSubtab":false}}
            """);
        Assert.Equal(["n1"], one.Select(d => (string)d!["eventId"]!));

        var batch = await PostNativeAsync(client, """
            [{"eventId":"n2","sessionId":"agent-n","source":"scv.CALL_STARTED","payload":{"call":{"callId":"c-1","callType":"Inbound","contact":{"recordId":"003B"}}}},
             {"eventId":"n3","sessionId":"agent-n","source":"scv.CALL_STARTED","payload":{"call":{"callId":"c-2","callType":"Outbound"}}},
             {"eventId":"n4","sessionId":"agent-n","source":"scv.MUTE_TOGGLE","payload":{"isMuted":true}},
             {"eventId":"n5","sessionId":"agent-n","source":"scv.HANGUP","payload":{"calls":[{"callId":"c-1"},{},{"callId":"c-2"}]}},
             {"eventId":"n6","sessionId":"agent-n","source":"genesys.CALL","payload":{}},
             {"eventId":"n7","sessionId":"agent-n","source":"scv.CALL_STARTED","payload":{"call":{"callType":"Inbound"}}}]
            """);

        Assert.Equal(["n2", "n3", "n4", "n5", "n5#1", "n5#2", "n6", "n7"], batch.Select(d => (string)d!["eventId"]!));
        Assert.Equal(["bound-by-record", "pending-owner", "not-tracked", null, "invalid-event", null, "unknown-type", "invalid-event"],
            batch.Select(d => (string?)d!["reason"]));
        Assert.Equal("payload.calls[1].callId is required for scv.HANGUP", (string)batch[4]!["error"]!);
        Assert.Equal("payload.call.callId is required for scv.CALL_STARTED", (string)batch[7]!["error"]!);

        using var query = host.Client(RunningHost.QueryKey);
        var call = JsonNode.Parse(await query.GetStringAsync("/v1/calls/c-1"))!;
        Assert.Equal(("ended", "ctab0"), ((string)call["state"]!, (string)call["ownerTabId"]!));
    }

    [Fact]
    public async Task The_journal_keeps_canonical_events_so_the_tape_export_replays_to_the_same_decisions()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client(RunningHost.IngestKey);
        var decisions = await PostNativeAsync(client, """
            [{"eventId":"t1","sessionId":"agent-t","source":"workspace.tabCreated","payload":{"tabId":"ctab0"},"tabInfo":{"recordId":"001A"},"at":"2026-11-29T10:00:00Z"},
             {"eventId":"t2","sessionId":"agent-t","source":"opencti.onClickToDial","payload":{"number":4155550142},"tabInfo":{"tabId":"ctab0"},"at":"2026-11-29T10:00:01Z"},
             {"eventId":"t3","sessionId":"agent-t","source":"scv.CALL_STARTED","payload":{"call":{"callId":"c-9","callType":"Outbound","phoneNumber":"+1 415 555 0142"}},"at":"2026-11-29T10:00:02Z"}]
            """);
        Assert.Equal("bound-by-click-to-dial", (string)decisions[2]!["reason"]!);

        using var query = host.Client(RunningHost.QueryKey);
        var tape = (await query.GetStringAsync("/v1/sessions/agent-t/tape")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(tape, line => Assert.Null(JsonNode.Parse(line)!["source"]));
        Assert.Equal(decisions.Select(d => HostCalls.Canonical(d!.ToJsonString())), await HostCalls.ReplayLinesAsync(tape));
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_too_big_a_batch_is_refused_whole()
    {
        await using var host = await RunningHost.StartAsync(settings: "Limits:MaxBatchSize=2");
        using var client = host.Client(RunningHost.IngestKey);

        var notJson = await client.PostAsync("/v1/native", HostCalls.Json("{"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        var tooMany = await client.PostAsync("/v1/native", HostCalls.Json("[{},{},{}]"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        Assert.Contains("at most 2", await tooMany.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_reference_describes_the_bridge_routes()
    {
        await using var host = await RunningHost.StartAsync();
        using var client = host.Client();

        var paths = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!["paths"]!;
        Assert.NotNull(paths["/v1/native"]?["post"]);
        Assert.NotNull(paths["/v1/bridge-tokens"]?["post"]);
        Assert.Null(paths["/console/demo-session"]);
    }

    internal static async Task<JsonArray> PostNativeAsync(HttpClient client, string json)
    {
        var response = await client.PostAsync("/v1/native", HostCalls.Json(json));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsArray();
    }
}
