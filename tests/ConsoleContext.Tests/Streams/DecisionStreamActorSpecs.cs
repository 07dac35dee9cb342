using System.Threading.Channels;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Host.Api;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Streams;

/// <summary>The bounded buffer between the actors and one SSE response: a slow reader gets an explicit gap, never a silent loss.</summary>
public sealed class DecisionStreamActorSpecs : TrackerTestKit
{
    private static StreamedDecision Streamed(int i) => new(SessionKey.DefaultTenant, new JournalPosition(i, 1), true,
        new Decision($"e{i}", "agent-1", "tabCreated", null, "ctab0", Outcomes.Applied, null, []));

    private static async Task<object> ReadAsync(Channel<object> channel) =>
        await channel.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));

    [Fact]
    public async Task A_reader_that_falls_behind_gets_a_gap_counting_exactly_what_it_missed_in_its_place()
    {
        var channel = Channel.CreateBounded<object>(new BoundedChannelOptions(3) { FullMode = BoundedChannelFullMode.Wait });
        var stream = Sys.ActorOf(DecisionStreamActor.Props(channel.Writer));
        for (var i = 1; i <= 10; i++)
            stream.Tell(Streamed(i));
        // Everything told so far has been handled once the actor answers this.
        await stream.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));

        for (var i = 1; i <= 3; i++)
            Assert.Equal($"e{i}", ((StreamedDecision)await ReadAsync(channel)).Decision.EventId);
        // No new decision arrives, yet the gap takes the freed place by itself.
        Assert.Equal(new DecisionStreamActor.Gap(7), await ReadAsync(channel));

        stream.Tell(Streamed(11));
        Assert.Equal("e11", ((StreamedDecision)await ReadAsync(channel)).Decision.EventId);
    }

    [Fact]
    public async Task A_tenant_wide_stream_takes_only_its_tenants_decisions_from_the_event_stream()
    {
        var channel = Channel.CreateUnbounded<object>();
        var stream = Sys.ActorOf(DecisionStreamActor.Props(channel.Writer, tenant: "acme"));
        await stream.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));
        Sys.EventStream.Publish(Streamed(1) with { Tenant = "globex" });
        Sys.EventStream.Publish(Streamed(2) with { Tenant = "acme" });
        Sys.EventStream.Publish(Streamed(3));
        Sys.EventStream.Publish(Streamed(4) with { Tenant = "acme" });
        await stream.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(5));

        Assert.Equal(["e2", "e4"], new[] { await ReadAsync(channel), await ReadAsync(channel) }.Cast<StreamedDecision>().Select(s => s.Decision.EventId));
        Assert.False(channel.Reader.TryRead(out _));
    }
}
