using Akka.Actor;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Tenants;

/// <summary>Passivation and retention by tenant-scoped key: a tenant's session comes and goes without touching the same sessionId elsewhere.</summary>
public sealed class TenantLifecycleSpecs : TrackerTestKit
{
    private const string Session = "agent-l";
    private const string Tenant = "acme";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static ConsoleEvent Event(string eventId, string type, params (string Name, object? Value)[] fields) =>
        SpecEvents.Event(Session, eventId, type, fields);

    [Fact]
    public async Task A_tenants_ended_session_passivates_is_woken_and_deleted_while_the_same_id_in_the_default_tenant_stays()
    {
        var lifecycle = SessionLifecycleSettings.Default with
        {
            EndedRetention = TimeSpan.FromSeconds(1), PassivateAfter = TimeSpan.FromMilliseconds(200), SweepEvery = TimeSpan.FromMilliseconds(200),
        };
        var endedSessions = Sys.ActorOf(EndedSessionsActor.Props(lifecycle), "ended-t");
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, lifecycle: lifecycle, endedSessions: endedSessions), "router-t");
        endedSessions.Tell(new RetentionMessages.SweepThrough(sessions));

        foreach (var tenant in new[] { Tenant, SessionKey.DefaultTenant })
            await sessions.Ask<Decision>(new SessionCommands.Submit(Event("t1", "tabCreated", ("tabId", "ctab0"))) { Tenant = tenant }, Wait);
        var probe = CreateTestProbe();
        sessions.Tell(new SessionQueries.GetTabActivity(Session, "none") { Tenant = Tenant }, probe.Ref);
        probe.ExpectMsg<SessionQueries.TabNotFound>();
        var tenantSession = probe.LastSender;
        Assert.Equal(ConsoleContext.Actors.ActorNames.Encode($"{Tenant}/{Session}"), tenantSession.Path.Name);
        Watch(tenantSession);

        await sessions.Ask<Decision>(new SessionCommands.Submit(Event("t2", "sessionEnded")) { Tenant = Tenant }, Wait);
        ExpectTerminated(tenantSession, Wait);

        await AwaitAssertAsync(async () =>
            Assert.Equal(0, (await sessions.Ask<SessionSnapshot>(new SessionQueries.GetSnapshot(Session) { Tenant = Tenant }, Wait)).EventsSeen), Wait);
        Assert.Equal(1, (await sessions.SnapshotAsync(Session)).EventsSeen);
    }
}
