using System.Reflection;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Hosting;
using ConsoleContext.Rules;
using Xunit;

namespace ConsoleContext.Tests.Actors;

/// <summary>
/// A brand-new local actor system (replay, simulation, benchmarks) whose first work is a burst of new sessions. Akka's
/// scheduler starts its clock on the thread pool at its first use and blocks every caller until the clock runs
/// (<c>HashedWheelTimerScheduler.Start</c>); when those callers were the new sessions' idle-check timers on every pool
/// thread, 2,000 events for 1,000 new sessions went undecided for minutes (the benchmarks' SQLite setup, two runs in
/// three). The session router starts the clock before the first session; a burst can then not wait on it.
/// </summary>
public sealed class SchedulerStartSpecs
{
    [Fact]
    public async Task The_session_router_starts_the_schedulers_clock_before_any_session()
    {
        using var system = ActorSystem.Create("fresh-burst", ConsoleContextConfig.ForTests);
        Assert.False(ClockStarted(system), "a fresh local system had started its scheduler already: the spec proves nothing");

        var sessions = system.ActorOf(SessionRouterActor.Props(OwnershipRules.Default), "sessions");
        await sessions.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10));

        Assert.True(ClockStarted(system), "the router is up, no session exists, and the scheduler's clock has not started");
        await system.Terminate();
    }

    // Akka exposes no "started" flag: the clock's start time stays 0 until its first use.
    private static bool ClockStarted(ActorSystem system)
    {
        var scheduler = Assert.IsType<HashedWheelTimerScheduler>(system.Scheduler);
        var startTime = typeof(HashedWheelTimerScheduler).GetField("_startTime", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("HashedWheelTimerScheduler has no _startTime field any more: rewrite this spec for the new Akka");
        return (long)startTime.GetValue(scheduler)! != 0;
    }
}
