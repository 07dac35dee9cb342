using Akka.Actor;
using Akka.Event;
using ConsoleContext.Actors;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using Xunit;
using static ConsoleContext.Tests.Actors.SpecEvents;

namespace ConsoleContext.Tests.Actors;

/// <summary>
/// A fault while handling one session never restarts the router or another session, and never silences another
/// session's decision stream; a session id that is no valid actor name never reaches Akka unencoded.
/// </summary>
public sealed class SupervisionSpecs : TrackerTestKit
{
    private readonly IActorRef _sessions;

    public SupervisionSpecs() => _sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "router");

    [Fact]
    public async Task A_fault_inside_one_session_leaves_the_router_and_every_other_stream_working()
    {
        var healthyStream = CreateTestProbe();
        var faultyStream = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-healthy", healthyStream.Ref));
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-faulty", faultyStream.Ref));
        await _sessions.SubmitAsync(Event("agent-healthy", "h1", "tabCreated", ("tabId", "ctab0")));
        await _sessions.SubmitAsync(Event("agent-faulty", "f1", "tabCreated", ("tabId", "ctab0")));
        Assert.Equal("h1", healthyStream.ExpectMsg<StreamedDecision>().Decision.EventId);
        Assert.Equal("f1", faultyStream.ExpectMsg<StreamedDecision>().Decision.EventId);

        var healthy = await Sys.ActorSelection("/user/router/agent-healthy").ResolveOne(SessionAsks.Timeout);
        var faulty = await Sys.ActorSelection("/user/router/agent-faulty").ResolveOne(SessionAsks.Timeout);
        Watch(healthy);
        Watch(faulty);

        // The injected fault: a message the session actor throws on (a decided event without its change list).
        var poison = new SessionEvents.Decided(Event("agent-faulty", "boom", "tabUpdated", ("tabId", "ctab0")),
            new Decision("boom", "agent-faulty", "tabUpdated", null, "ctab0", Outcomes.Applied, null, []), null!);
        // A resumed child's fault is logged as a warning by the strategy that resumed it.
        await EventFilter.Custom(e => e is Warning && e.LogSource.Contains("agent-faulty") && e.ToString().Contains(nameof(NullReferenceException)))
            .ExpectOneAsync(() => { faulty.Tell(poison); return Task.CompletedTask; });

        // Decisions keep flowing on both streams: the healthy session never noticed, the faulty one resumed with its subscriber.
        for (var i = 2; i <= 5; i++)
        {
            await _sessions.SubmitAsync(Event("agent-healthy", $"h{i}", "tabUpdated", ("tabId", "ctab0")));
            await _sessions.SubmitAsync(Event("agent-faulty", $"f{i}", "tabUpdated", ("tabId", "ctab0")));
            Assert.Equal($"h{i}", healthyStream.ExpectMsg<StreamedDecision>().Decision.EventId);
            Assert.Equal($"f{i}", faultyStream.ExpectMsg<StreamedDecision>().Decision.EventId);
        }

        // Same actors, never stopped; tabs and state intact.
        Assert.Equal(healthy, await Sys.ActorSelection("/user/router/agent-healthy").ResolveOne(SessionAsks.Timeout));
        Assert.Equal(faulty, await Sys.ActorSelection("/user/router/agent-faulty").ResolveOne(SessionAsks.Timeout));
        Assert.Equal(5, (await _sessions.SnapshotAsync("agent-healthy")).EventsSeen);
        Assert.Equal(5, (await _sessions.SnapshotAsync("agent-faulty")).EventsSeen);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("x\n")]
    [InlineData("$system")]
    [InlineData("a/b")]
    [InlineData("a b#c?d")]
    [InlineData("%41")]
    [InlineData("")]
    [InlineData("\ud800")]
    public async Task A_session_id_that_is_no_valid_actor_name_is_encoded_and_never_crashes_the_router(string sessionId)
    {
        var stream = CreateTestProbe();
        _sessions.Tell(new SessionCommands.SubscribeDecisions("agent-1", stream.Ref));
        await _sessions.SubmitAsync(Event("agent-1", "a1", "tabCreated", ("tabId", "ctab0")));
        stream.ExpectMsg<StreamedDecision>();

        // Built past the parser, as a bridge or a future message type might: the router must still cope.
        var odd = new ConsoleEvents.TabCreated(new EventHeader("o1", sessionId, null, null), "ctab0", null, null, null);
        var decision = await _sessions.SubmitAsync(odd);
        Assert.Equal((Outcomes.Applied, sessionId), (decision.Outcome, decision.SessionId));
        Assert.Equal(1, (await _sessions.SnapshotAsync(sessionId)).EventsSeen);

        await _sessions.SubmitAsync(Event("agent-1", "a2", "tabUpdated", ("tabId", "ctab0")));
        Assert.Equal("a2", stream.ExpectMsg<StreamedDecision>().Decision.EventId);
        Assert.Equal(2, (await _sessions.SnapshotAsync("agent-1")).EventsSeen);
    }

    [Theory]
    [InlineData("agent-1")]
    [InlineData("org:005@x.y_z-1")]
    [InlineData("x\n")]
    [InlineData("$a")]
    [InlineData("%00")]
    [InlineData("")]
    [InlineData("\0")]
    [InlineData("\ud83d\ude00 ok")]
    [InlineData("\udc00")]
    public void Actor_names_are_valid_and_decode_to_their_key(string key)
    {
        var name = ActorNames.Encode(key);
        Assert.True(ActorPath.IsValidPathElement(name), name);
        Assert.Equal(key, ActorNames.Decode(name));
    }

    [Fact]
    public void Different_keys_get_different_names()
    {
        string[] keys = ["", "\0", "%00", "a", "A", "a\n", "a%0A", "a%00%0A", "\u0a00", "\n\0"];
        Assert.Equal(keys.Length, keys.Select(ActorNames.Encode).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_valid_session_id_names_its_actor_as_is() =>
        Assert.Equal("org:005@x.y_z-1", ActorNames.Encode("org:005@x.y_z-1"));
}
