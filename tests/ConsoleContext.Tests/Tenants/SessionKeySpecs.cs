using Akka.Actor;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Tenants;

/// <summary>The tenant travels in the routing envelope: keys, actor names and persistence ids are scoped, the default tenant's are unchanged.</summary>
public sealed class SessionKeySpecs : TrackerTestKit
{
    [Theory]
    [InlineData("default", "agent-7", "agent-7", "session-agent-7")]
    [InlineData("acme", "agent-7", "acme/agent-7", "tenant-acme/session-agent-7")]
    [InlineData("a:b@c.d_e-f", "x:y@z", "a:b@c.d_e-f/x:y@z", "tenant-a:b@c.d_e-f/session-x:y@z")]
    public void Keys_round_trip_and_the_default_tenant_keeps_its_old_ids(string tenant, string sessionId, string entityId, string persistenceId)
    {
        var key = new SessionKey(tenant, sessionId);
        Assert.Equal(entityId, key.EntityId);
        Assert.Equal(persistenceId, key.PersistenceId(SessionRouterActor.DurableScope));
        Assert.Equal(key, SessionKey.FromEntityId(key.EntityId));
        Assert.Equal(key, SessionKey.FromActorName(key.ActorName));
        Assert.True(ActorPath.IsValidPathElement(key.ActorName), key.ActorName);
        Assert.Equal(tenant == SessionKey.DefaultTenant ? "call-1" : $"{tenant}\u001Fcall-1", SessionKey.CallKey(tenant, "call-1"));
    }

    [Theory]
    [InlineData("default", "")]
    [InlineData("acme", "acme\u001F")]
    [InlineData("a:b@c.d_e-f", "a:b@c.d_e-f\u001F")]
    public void A_call_entry_id_is_the_tenant_and_the_callIds_tombstone_digest_whether_named_by_call_key_or_by_digest(string tenant, string prefix)
    {
        foreach (var callId in new[] { "call-1", "+15550100", "acme-7" })
        {
            var digest = EndedCallTombstones.Digest(callId);
            var byKey = SessionKey.CallEntryId(SessionKey.CallKey(tenant, callId));
            Assert.Equal(prefix + digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture), byKey);
            Assert.Equal(byKey, SessionKey.CallEntryId(tenant, digest));
            Assert.Equal(16, byKey.Length - prefix.Length);
        }
        Assert.NotEqual(SessionKey.CallEntryId(tenant, EndedCallTombstones.Digest("call-1")), SessionKey.CallEntryId(tenant, EndedCallTombstones.Digest("call-2")));
    }

    [Fact]
    public async Task Sessions_with_the_same_id_in_two_tenants_are_two_actors_with_their_own_state_and_calls()
    {
        var callIndex = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)), "calls-keys");
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, callIndex), "sessions-keys");
        var timeout = SessionAsks.Timeout;
        foreach (var tenant in new[] { "t:1@x", SessionKey.DefaultTenant })
        {
            await sessions.Ask<Decision>(new SessionCommands.Submit(Event("a.b:c@d", "e1", "tabCreated", ("tabId", "tab-" + tenant))) { Tenant = tenant }, timeout);
            await sessions.Ask<Decision>(new SessionCommands.Submit(Event("a.b:c@d", "e2", "callStarted", ("callId", "c1"), ("callType", "inbound")))
                { Tenant = tenant }, timeout);
        }

        foreach (var tenant in new[] { "t:1@x", SessionKey.DefaultTenant })
        {
            var snapshot = await sessions.Ask<SessionSnapshot>(new SessionQueries.GetSnapshot("a.b:c@d") { Tenant = tenant }, timeout);
            Assert.Equal(["tab-" + tenant], snapshot.Tabs.Select(t => t.TabId));
            var location = await callIndex.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate(SessionKey.CallKey(tenant, "c1")), timeout);
            Assert.Equal("a.b:c@d", location.SessionId);
        }
        var unknown = await sessions.Ask<SessionSnapshot>(new SessionQueries.GetSnapshot("a.b:c@d") { Tenant = "other" }, timeout);
        Assert.Equal(0, unknown.EventsSeen);
    }
}
