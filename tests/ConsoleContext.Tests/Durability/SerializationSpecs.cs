using System.Text;
using Akka.Serialization;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Parsing;
using ConsoleContext.Persistence;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>Every persisted type goes through the tracker's own serializer and comes back equal; stored manifests keep their meaning.</summary>
public sealed class SerializationSpecs : TrackerTestKit
{
    public static TheoryData<string> EveryEventType() =>
    [
        """{"eventId":"e1","sessionId":"s","type":"tabCreated","seq":3,"at":"2026-11-24T09:00:00.123+01:00","tabId":"ctab0_1","parentTabId":"ctab0","recordId":"003A","objectType":"Contact","recordName":"Ada","url":"/r/003A"}""",
        """{"eventId":"e2","sessionId":"s","type":"tabFocused","currentTabId":"ctab0","previousTabId":"ctab1"}""",
        """{"eventId":"e3","sessionId":"s","type":"tabClosed","tabId":"ctab0"}""",
        """{"eventId":"e4","sessionId":"s","type":"tabReplaced","tabId":"ctab0","recordId":"500B","url":"/r/500B"}""",
        """{"eventId":"e5","sessionId":"s","type":"tabRefreshed","tabId":"ctab0"}""",
        """{"eventId":"e6","sessionId":"s","type":"tabUpdated","tabId":"ctab0","title":"Case 42 — “urgent”"}""",
        """{"eventId":"e7","sessionId":"s","type":"navigationChanged","url":"/r/001C","recordId":"001C","objectType":"Account","tabId":"ctab0"}""",
        """{"eventId":"e8","sessionId":"s","type":"clickToDial","number":"+44 20 7946 0958","recordId":"003A","tabId":"ctab0"}""",
        """{"eventId":"e9","sessionId":"s","type":"callStarted","callId":"c1","callType":"consult","phoneNumber":"555","recordId":"003A","tabId":"ctab0","parentCallId":"c0","replayed":true}""",
        """{"eventId":"e10","sessionId":"s","type":"callConnected","callId":"c1"}""",
        """{"eventId":"e11","sessionId":"s","type":"callHeld","callId":"c1"}""",
        """{"eventId":"e12","sessionId":"s","type":"callResumed","callId":"c1"}""",
        """{"eventId":"e13","sessionId":"s","type":"callEnded","callId":"c1","disposition":"resolved"}""",
        """{"eventId":"e14","sessionId":"s","type":"callClaimed","callId":"c1","tabId":"ctab0"}""",
        """{"eventId":"e15","sessionId":"s","type":"agentStatusChanged","status":"Busy"}""",
        """{"eventId":"e16","sessionId":"s","type":"sessionEnded"}""",
        """{"eventId":"e17","sessionId":"s","consoleId":"w-1","streamId":"b-7","seq":9,"type":"tabFocused","previousTabId":"ctab1"}""",
        """{"eventId":"e18","sessionId":"s","consoleId":"w-1","type":"navigationChanged","url":"/r/001P","recordId":"001P00000000001IAA","accountId":"001P00000000001IAA","contactId":"003P00000000001","tabId":"ctab0_1","parentTabId":"ctab0"}""",
        """{"eventId":"e19","sessionId":"s","type":"callHeld","callId":"c7","callType":"InternalCall","phoneNumber":"5550100 x12","recordId":"003A","tabId":"ctab0","parentCallId":"c0","replayed":true}""",
        """{"eventId":"e20","sessionId":"s","type":"tabReplaced","tabId":"ctab2_1","parentTabId":"ctab2","recordId":"500B"}""",
    ];

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void Every_accepted_event_round_trips_through_the_tracker_serializer(string line)
    {
        var e = EventsAccepted.Stamped(ConsoleEventParser.Parse(line).Event!, SpecEvents.T0);
        var entry = new EventsAccepted([e, e with { Header = e.Header with { EventId = "second" } }]);
        Assert.Equal(entry, RoundTrip(entry));
        Assert.Equal(new EventAccepted(e), RoundTrip(new EventAccepted(e)));
    }

    [Fact]
    public void A_session_snapshot_round_trips_with_tabs_calls_clicks_dedupe_set_and_seq_mark()
    {
        var state = new SessionState("s");
        string[] lines =
        [
            """{"eventId":"a","sessionId":"s","type":"tabCreated","tabId":"p","recordId":"001A","seq":1}""",
            """{"eventId":"b","sessionId":"s","type":"tabCreated","tabId":"p_1","parentTabId":"p","recordId":"003B","objectType":"Contact","seq":2}""",
            """{"eventId":"c","sessionId":"s","type":"tabFocused","currentTabId":"p_1","seq":3}""",
            """{"eventId":"d","sessionId":"s","type":"clickToDial","number":"4155550100","seq":4}""",
            """{"eventId":"e","sessionId":"s","type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"4155550100","seq":5}""",
            """{"eventId":"f","sessionId":"s","type":"agentStatusChanged","status":"On call","seq":6}""",
        ];
        foreach (var line in lines)
            OwnershipRules.Apply(state, OwnershipRules.Default.Decide(state, ConsoleEventParser.Parse(line).Event!, SpecEvents.T0).Changes);

        var data = state.ToData();
        var back = (SessionStateData)RoundTrip(data);

        var restored = SessionState.FromData(back);
        Assert.Equal(SpecEvents.Wire(Recap(state)), SpecEvents.Wire(Recap(restored)));
        Assert.Equal(6, restored.SeenEventCount);
        Assert.Equal(6, restored.SeqMarkOf(""));
        Assert.Equal(state.Clock, restored.Clock);
        Assert.Equal(state.ClickIntents, restored.ClickIntents);
        Assert.Equal("p_1", restored.Calls["c1"].OwnerTabId);
    }

    [Fact]
    public void The_call_directory_entries_and_snapshot_round_trip()
    {
        var entry = new CallIndexMessages.CallStartedIn("c1", "agent-1");
        Assert.Equal(entry, RoundTrip(entry));
        var snapshot = (CallIndexMessages.DirectorySnapshot)RoundTrip(new CallIndexMessages.DirectorySnapshot(new Dictionary<string, string> { ["c1"] = "a", ["c2"] = "b" }));
        Assert.Equal("b", snapshot.SessionByCall["c2"]);
    }

    [Fact]
    public void A_call_entry_rows_round_trip()
    {
        var started = new CallEntryMessages.Started("agent-1");
        Assert.Equal(started, RoundTrip(started));
        var view = new Queries.CallView("agent-1", "c1", "inbound", "ended", "ctab1", null, "ctab1", null,
            [new RecordRef("003B000002", "Contact", "Ada Lovelace")], new Queries.LogSuggestion("003B000002", null));
        var timeline = new Queries.TimelineEntry(SpecEvents.T0, "e1", "ended", "ctab1", null, null);
        var back = (CallEntryMessages.Archived)RoundTrip(new CallEntryMessages.Archived("agent-1", new CallEntryMessages.ArchivedCall(view, [timeline], SpecEvents.T0)));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(view), System.Text.Json.JsonSerializer.Serialize(back.Call.View));
        Assert.Equal([timeline], back.Call.Timeline);
        Assert.Equal(("agent-1", SpecEvents.T0), (back.SessionId, back.Call.EndedAt));
    }

    [Fact]
    public void A_sessionEnded_fact_keeps_the_servers_acceptance_time_under_the_v2_manifest_and_other_rows_stay_v1()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(EventsDecided));
        var v1 = (EventsDecided)serializer.FromBinary(Encoding.UTF8.GetBytes(V1Facts), ConsoleContextSerializer.EventsDecidedV1);
        Assert.Equal(ConsoleContextSerializer.EventsDecidedV1, serializer.Manifest(v1));

        var ended = SpecEvents.Event("a", "e2", "sessionEnded", ("at", SpecEvents.T0));
        var stamped = new DecidedFact(ended, v1.Facts[0].Decision, v1.Facts[0].Changes) { AcceptedAt = SpecEvents.T0.AddHours(3) };
        var row = new EventsDecided([v1.Facts[0], stamped]);
        Assert.Equal(ConsoleContextSerializer.EventsDecidedV2, serializer.Manifest(row));
        var back = (EventsDecided)serializer.FromBinary(serializer.ToBinary(row), ConsoleContextSerializer.EventsDecidedV2);
        Assert.Equal([null, SpecEvents.T0.AddHours(3)], back.Facts.Select(f => f.AcceptedAt));
        Assert.Equal(SpecEvents.T0, back.Facts[1].Event.Header.At);
    }

    [Fact]
    public void The_ended_sessions_registry_entries_and_snapshot_round_trip()
    {
        var ended = new RetentionMessages.SessionEnded("agent-1", SpecEvents.T0);
        Assert.Equal(ended, RoundTrip(ended));
        var forgotten = new RetentionMessages.SessionForgotten("agent-1");
        Assert.Equal(forgotten, RoundTrip(forgotten));
        var snapshot = (RetentionMessages.RegistrySnapshot)RoundTrip(
            new RetentionMessages.RegistrySnapshot(new Dictionary<string, DateTimeOffset> { ["agent-2"] = SpecEvents.T0 }));
        Assert.Equal(SpecEvents.T0, snapshot.EndedAt["agent-2"]);
        var archived = new RetentionMessages.CallArchived("acme\u001Fc1", SpecEvents.T0);
        Assert.Equal(archived, RoundTrip(archived));
        var v2 = (RetentionMessages.RegistrySnapshotV2)RoundTrip(new RetentionMessages.RegistrySnapshotV2(
            new Dictionary<string, DateTimeOffset> { ["agent-2"] = SpecEvents.T0 }, new Dictionary<string, DateTimeOffset> { ["c1"] = SpecEvents.T0.AddHours(1) }));
        Assert.Equal((SpecEvents.T0, SpecEvents.T0.AddHours(1)), (v2.EndedAt["agent-2"], v2.CallsEndedAt["c1"]));
    }

    [Fact]
    public void Rows_written_with_the_v1_manifests_still_read_back_the_same()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(EventAccepted));
        Assert.Equal(ConsoleContextSerializer.SerializerIdentifier, serializer.Identifier);

        var stored = Encoding.UTF8.GetBytes("""{"eventId":"e1","sessionId":"a","type":"tabCreated","at":"2026-11-24T16:42:42.7947924+00:00","tabId":"t"}""");
        var entry = (EventAccepted)serializer.FromBinary(stored, "event-accepted.v1");
        Assert.Equal("t", ((Protocol.ConsoleEvents.TabCreated)entry.Event).TabId);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 42, 42, TimeSpan.Zero).AddTicks(7947924), entry.Event.Header.At);

        var batch = (EventsAccepted)serializer.FromBinary(Encoding.UTF8.GetBytes(
            "{\"eventId\":\"e1\",\"sessionId\":\"a\",\"type\":\"tabCreated\",\"at\":\"2026-11-24T16:42:42Z\",\"tabId\":\"t\"}\n" +
            "{\"eventId\":\"e2\",\"sessionId\":\"a\",\"type\":\"tabClosed\",\"at\":\"2026-11-24T16:42:43Z\",\"tabId\":\"t\"}"), "events-accepted.v1");
        Assert.Equal(["e1", "e2"], batch.Events.Select(x => x.EventId));

        var directory = (CallIndexMessages.CallStartedIn)serializer.FromBinary(Encoding.UTF8.GetBytes("""{"callId":"c1","sessionId":"a"}"""), "call-started-in.v1");
        Assert.Equal(new CallIndexMessages.CallStartedIn("c1", "a"), directory);
        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary(stored, "event-accepted.v0"));
    }

    /// <summary>A snapshot exactly as v1 wrote it (manifest session-state.v1): one console, one seq mark, every eventId.</summary>
    private const string V1Snapshot = """
        {"sessionId":"agent-1","tabs":[{"tabId":"ctab0","parentTabId":null,"record":{"recordId":"001A","objectType":"Account","recordName":null},"url":null,"title":null,"incarnation":1,"createdTick":1,"focusedTick":2,"isPrimary":true},
        {"tabId":"ctab0_1","parentTabId":"ctab0","record":{"recordId":"500B","objectType":"Case","recordName":null},"url":null,"title":null,"incarnation":3,"createdTick":3,"focusedTick":0,"isPrimary":false}],
        "calls":[{"callId":"c1","callType":"inbound","state":"connected","ownerTabId":"ctab0_1","phoneNumber":"4155550100","record":null,"parentCallId":null,"relatedRecords":[{"recordId":"500B","objectType":"Case","recordName":null}],"everOwned":true,"startedAt":"2026-11-24T09:00:04+00:00","startTick":4,"isActive":true},
        {"callId":"c0","callType":"outbound","state":"ended","ownerTabId":"ctab0","phoneNumber":null,"record":null,"parentCallId":null,"relatedRecords":[],"everOwned":true,"startedAt":"2026-11-24T08:00:00+00:00","startTick":0,"isActive":false}],
        "activeCallIds":["c1"],"focusedTabId":"ctab0","lastNavigationRecord":null,"lastNavigationUrl":null,"clickIntents":[],"agentStatus":"On call","seqMark":5,"clock":5,
        "seenEventIds":["e1","e2","e3","e4","e5"]}
        """;

    [Fact]
    public void A_snapshot_written_by_v1_recovers_into_the_default_console_and_stream_and_keeps_deciding()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(SessionStateData));
        var data = (SessionStateData)serializer.FromBinary(Encoding.UTF8.GetBytes(V1Snapshot), "session-state.v1");
        var state = SessionState.FromData(data);

        Assert.Equal("ctab0", state.FocusedTabId);
        Assert.Equal(5, state.SeqMarkOf(""));
        Assert.Equal(5, state.SeenEventCount);
        Assert.Equal(["c0"], state.EndedCallIds);
        Assert.Equal(new TabKey("", "ctab0_1"), state.Calls["c1"].Owner);

        Protocol.Decision Decide(string line)
        {
            var ruling = OwnershipRules.Default.Decide(state, ConsoleEventParser.Parse(line).Event!, SpecEvents.T0.AddHours(1));
            OwnershipRules.Apply(state, ruling.Changes);
            return ruling.Decision;
        }
        Assert.Equal("duplicate", Decide("""{"eventId":"e3","sessionId":"agent-1","type":"tabFocused","currentTabId":"ctab0"}""").Outcome);
        Assert.Equal("stale", Decide("""{"eventId":"e6","sessionId":"agent-1","seq":5,"type":"tabFocused","currentTabId":"ctab0"}""").Outcome);
        var navigation = Decide("""{"eventId":"e7","sessionId":"agent-1","seq":6,"type":"navigationChanged","url":"/r/500B","recordId":"500B"}""");
        Assert.Equal(("applied", "ctab0_1"), (navigation.Outcome, navigation.TabId));
        Assert.Equal("call-ended", Decide("""{"eventId":"e8","sessionId":"agent-1","type":"callClaimed","callId":"c0","tabId":"ctab0"}""").Reason);

        // Written again, it is a v2 snapshot that reads back the same.
        var again = SessionState.FromData((SessionStateData)RoundTrip(state.ToData()));
        Assert.Equal(SpecEvents.Wire(Recap(state)), SpecEvents.Wire(Recap(again)));
        Assert.Equal(state.SeenEventCount, again.SeenEventCount);
    }

    private static string V2Call(string id, string state, int second) =>
        $$"""{"callId":"{{id}}","callType":"inbound","state":"{{state}}","ownerTabId":null,"phoneNumber":null,"record":null,"parentCallId":null,"relatedRecords":[],"everOwned":false,"startedAt":"2026-11-24T09:00:0{{second}}+00:00","startTick":{{second}},"connectedAt":null,"endedAt":{{(state == "ended" ? $"\"2026-11-24T09:00:1{second}+00:00\"" : "null")}},"ownerFromScreenPop":false,"ownerConsole":""}""";

    /// <summary>
    /// A snapshot exactly as session-state.v2 was first written: every remembered ended call in full, every eventId a digest
    /// (here b7-1, b7-2, b7-3: ids of the run form, from before runs existed).
    /// </summary>
    private static readonly string V2SnapshotBeforeRunsAndTombstones =
        """{"sessionId":"agent-2","tabs":[],"focus":[],"calls":[""" + V2Call("c0", "ended", 0) + "," + V2Call("c1", "ended", 1) + "," + V2Call("c2", "ended", 2) + "," + V2Call("c3", "ringing", 3) +
        """],"activeCallIds":["c3"],"endedCallIds":["c0","c1","c2"],"lastNavigationRecord":null,"lastNavigationUrl":null,"clickIntents":[],"agentStatus":null,"streams":[{"streamId":"b7","mark":3,"usedTick":3}],"clock":3,"seenEventDigests":"e2ynS30DS53bHUrLixZcRtrRk6n54enb"}""";

    private Protocol.Decision Decide(SessionState state, string line)
    {
        var ruling = OwnershipRules.Default.Decide(state, ConsoleEventParser.Parse(line).Event!, SpecEvents.T0.AddHours(1));
        OwnershipRules.Apply(state, ruling.Changes);
        return ruling.Decision;
    }

    [Fact]
    public void A_v2_snapshot_written_before_runs_and_tombstones_recovers_its_run_form_ids_and_old_ended_calls_and_keeps_deciding()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(SessionStateData));
        var data = (SessionStateData)serializer.FromBinary(Gzip(V2SnapshotBeforeRunsAndTombstones), ConsoleContextSerializer.SessionStateV2);
        var settings = OwnershipSettings.Default with { EndedCallsInFull = 1 };
        var state = SessionState.FromData(data, settings);

        // Demoted on load: the two earliest ended calls are tombstones, the latest stays in full.
        Assert.Equal(2, state.EndedTombstones.Count);
        Assert.Equal(["c2"], state.EndedCallIds);
        Assert.Equal(["c2", "c3"], Queries.SessionViews.Snapshot(state).Calls.Select(c => c.CallId));
        Assert.Equal(3, state.SeenEventCount);

        var stream = """ "sessionId":"agent-2","streamId":"b7" """;
        Assert.Equal("duplicate", Decide(state, $$"""{"eventId":"b7-2",{{stream}},"type":"agentStatusChanged","status":"Away"}""").Outcome);
        Assert.Equal("applied", Decide(state, $$"""{"eventId":"b7-4",{{stream}},"seq":4,"type":"agentStatusChanged","status":"Away"}""").Outcome);
        Assert.Equal("call-ended", Decide(state, $$"""{"eventId":"b7-5",{{stream}},"seq":5,"type":"callClaimed","callId":"c1","tabId":"t","at":"2026-11-24T09:01:00Z"}""").Reason);
        Assert.Equal("call-ended", Decide(state, $$"""{"eventId":"b7-6",{{stream}},"seq":6,"type":"callStarted","callId":"c0","callType":"inbound","replayed":true,"at":"2026-11-24T09:01:00Z"}""").Reason);
        var newLife = Decide(state, $$"""{"eventId":"b7-7",{{stream}},"seq":7,"type":"callStarted","callId":"c0","callType":"inbound","at":"2026-11-24T09:01:01Z"}""");
        Assert.Equal(("applied", "pending-owner"), (newLife.Outcome, newLife.Reason));
        Assert.Equal((1, "ringing"), (state.EndedTombstones.Count, state.Calls["c0"].State));

        // Written again, it is a v2 snapshot with the new fields that reads back the same and decides the same.
        var again = SessionState.FromData((SessionStateData)RoundTrip(state.ToData()), settings);
        Assert.Equal(SpecEvents.Wire(Recap(state)), SpecEvents.Wire(Recap(again)));
        Assert.Equal((state.SeenEventCount, 1), (again.SeenEventCount, again.EndedTombstones.Count));
        Assert.Equal("call-ended", Decide(again, $$"""{"eventId":"b7-8",{{stream}},"seq":8,"type":"callClaimed","callId":"c1","tabId":"t","at":"2026-11-24T09:01:02Z"}""").Reason);
        Assert.Equal("duplicate", Decide(again, $$"""{"eventId":"b7-1",{{stream}},"type":"agentStatusChanged","status":"Away"}""").Outcome);
    }

    /// <summary>
    /// A snapshot as session-state.v2 is written since runs and tombstones: eventIds b7-1 to b7-3 as one run (prefix "b7"),
    /// the ended call c0 as a tombstone (digest, end 2026-11-24T09:00:10Z in UTC ticks), c2 ended and kept in full.
    /// </summary>
    private static readonly string V2SnapshotWithRunsAndTombstones =
        """{"sessionId":"agent-3","tabs":[],"focus":[],"calls":[""" + V2Call("c2", "ended", 2) +
        """],"activeCallIds":[],"endedCallIds":["c2"],"lastNavigationRecord":null,"lastNavigationUrl":null,"clickIntents":[],"agentStatus":null,"streams":[],"clock":3,"seenEventDigests":"","seenEventRuns":[{"prefix":10500848087799006798,"from":1,"to":3,"digestsBefore":0}],"endedCallTombstones":"H4wJPdBpDzoAyelXCUrfCA=="}""";

    [Fact]
    public void A_v2_snapshot_with_eventId_runs_and_ended_call_tombstones_reads_back_and_keeps_deciding()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(SessionStateData));
        var state = SessionState.FromData((SessionStateData)serializer.FromBinary(Gzip(V2SnapshotWithRunsAndTombstones), ConsoleContextSerializer.SessionStateV2));

        Assert.Equal((3, 1, new DateTimeOffset(2026, 11, 24, 9, 0, 10, TimeSpan.Zero)), (state.SeenEventCount, state.EndedTombstones.Count, state.EndedTombstones.EndedAt(0)));
        Assert.Equal("ended", state.RememberedCall("c0")!.State);
        var stream = """ "sessionId":"agent-3","streamId":"b7" """;
        Assert.Equal("duplicate", Decide(state, $$"""{"eventId":"b7-3",{{stream}},"type":"agentStatusChanged","status":"Away"}""").Outcome);
        Assert.Equal("applied", Decide(state, $$"""{"eventId":"b7-4",{{stream}},"type":"agentStatusChanged","status":"Away"}""").Outcome);
        Assert.Equal("call-ended", Decide(state, """{"eventId":"x","sessionId":"agent-3","type":"callEnded","callId":"c0","at":"2026-11-24T09:01:00Z"}""").Reason);
        Assert.Equal(new EventIdRun(10500848087799006798, 1, 4, 0), Assert.Single(state.ToData().SeenEventRuns!));
    }

    private static byte[] Gzip(string json)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(json));
        return output.ToArray();
    }

    /// <summary>Lines whose facts, together, hold every kind of state change (two ended calls: one is forgotten, R11).</summary>
    private static readonly string[] EveryChangeKind =
    [
        """{"eventId":"a","sessionId":"s","type":"tabCreated","tabId":"p","recordId":"001A","seq":1,"at":"2026-11-24T09:00:00Z"}""",
        """{"eventId":"b","sessionId":"s","consoleId":"w-2","type":"tabCreated","tabId":"p_1","parentTabId":"p","recordId":"003B","objectType":"Contact","recordName":"Ada “A” L","at":"2026-11-24T09:00:01Z"}""",
        """{"eventId":"c","sessionId":"s","consoleId":"w-2","type":"tabFocused","currentTabId":"p_1","at":"2026-11-24T09:00:02Z"}""",
        """{"eventId":"d","sessionId":"s","type":"clickToDial","number":"4155550100","recordId":"001A","tabId":"p","at":"2026-11-24T09:00:03Z"}""",
        """{"eventId":"e","sessionId":"s","type":"callStarted","callId":"c1","callType":"outbound","phoneNumber":"4155550100","at":"2026-11-24T09:00:04Z"}""",
        """{"eventId":"f","sessionId":"s","type":"navigationChanged","url":"/r/500C","recordId":"500C","tabId":"p","at":"2026-11-24T09:00:05Z"}""",
        """{"eventId":"g","sessionId":"s","type":"agentStatusChanged","status":"On call","at":"2026-11-24T09:00:06Z"}""",
        """{"eventId":"h","sessionId":"s","type":"callEnded","callId":"c1","at":"2026-11-24T09:00:07Z"}""",
        """{"eventId":"i","sessionId":"s","type":"callStarted","callId":"c2","callType":"inbound","at":"2026-11-24T09:00:08Z"}""",
        """{"eventId":"j","sessionId":"s","type":"callEnded","callId":"c2","at":"2026-11-24T09:00:09Z"}""",
        """{"eventId":"k","sessionId":"s","type":"tabClosed","tabId":"p","at":"2026-11-24T09:00:10Z"}""",
        """{"eventId":"l","sessionId":"s","type":"sessionEnded","at":"2026-11-24T09:00:11Z"}""",
    ];

    [Fact]
    public void Facts_of_every_change_kind_round_trip_and_rebuild_the_state_they_were_decided_on()
    {
        var rules = new OwnershipRules(OwnershipSettings.Default with { MaxEndedCalls = 1 });
        var live = new SessionState("s");
        var facts = new List<DecidedFact>();
        foreach (var line in EveryChangeKind)
        {
            var e = ConsoleEventParser.Parse(line).Event!;
            var ruling = rules.Decide(live, e, e.Header.At!.Value);
            Assert.True(ruling.Accepted, line);
            OwnershipRules.Apply(live, ruling.Changes);
            facts.Add(new DecidedFact(e, ruling.Decision, ruling.Changes));
        }
        Assert.Equal(FactsJson.Kinds.Select(k => k.Type).Order(TypeOrder), facts.SelectMany(f => f.Changes).Select(c => c.GetType()).Distinct().Order(TypeOrder));

        var back = (EventsDecided)RoundTrip(new EventsDecided(facts));

        var recovered = new SessionState("s");
        foreach (var fact in back.Facts)
            OwnershipRules.Apply(recovered, fact.Changes);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(live.ToData()), System.Text.Json.JsonSerializer.Serialize(recovered.ToData()));
        Assert.Equal(facts.Select(f => SpecEvents.Wire(f.Decision)), back.Facts.Select(f => SpecEvents.Wire(f.Decision)));
        Assert.Equal(facts.Select(f => ConsoleEventJson.Write(f.Event)), back.Facts.Select(f => ConsoleEventJson.Write(f.Event)));
        Assert.Equal(facts.Select(f => f.Changes.Count), back.Facts.Select(f => f.Changes.Count));
    }

    private static readonly Comparer<Type> TypeOrder = Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    /// <summary>A facts row exactly as <c>events-decided.v1</c> was first written (one callStarted, pending owner).</summary>
    private const string V1Facts = """
        {"event":{"eventId":"e1","sessionId":"a","type":"callStarted","at":"2026-11-24T16:42:42.0000000+00:00","callId":"c1","callType":"inbound"},"decision":{"eventId":"e1","sessionId":"a","type":"callStarted","consoleId":null,"tabId":null,"outcome":"applied","reason":"pending-owner","calls":[{"callId":"c1","state":"ringing","ownerTabId":null,"ownerConsoleId":null}]},"changes":[{"kind":"callSaved","call":{"callId":"c1","callType":"inbound","state":"ringing","relatedRecords":[],"everOwned":false,"startedAt":"2026-11-24T16:42:42+00:00","startTick":1,"ownerFromScreenPop":false,"ownerConsole":""}},{"kind":"eventRecorded","eventId":"e1","tick":1,"stream":""}]}
        """;

    [Fact]
    public void A_facts_row_written_with_the_v1_manifest_reads_back_the_same()
    {
        var serializer = (SerializerWithStringManifest)Sys.Serialization.FindSerializerForType(typeof(EventsDecided));
        var row = (EventsDecided)serializer.FromBinary(Encoding.UTF8.GetBytes(V1Facts), ConsoleContextSerializer.EventsDecidedV1);

        var fact = Assert.Single(row.Facts);
        Assert.Equal(("e1", Protocol.Reasons.PendingOwner), (fact.Event.EventId, fact.Decision.Reason));
        var state = new SessionState("a");
        OwnershipRules.Apply(state, fact.Changes);
        Assert.Equal(("ringing", null), (state.Calls["c1"].State, state.Calls["c1"].OwnerTabId));
        Assert.Equal(1, state.SeenEventCount);
        Assert.Equal(V1Facts, Encoding.UTF8.GetString(serializer.ToBinary(row)));
    }

    [Fact]
    public void A_full_session_snapshot_round_trips_with_its_end_time_and_timelines()
    {
        var timeline = new Queries.CallTimelineData("c1", [new Queries.TimelineEntry(SpecEvents.T0, "e1", "ringing", null, null, "pending-owner"),
            new Queries.TimelineEntry(SpecEvents.T0.AddSeconds(2), "e2", "ringing", "ctab1", "w-2", "bound-by-screen-pop")]);
        var snapshot = new SessionSnapshotData(new SessionState("s").ToData(), SpecEvents.T0.AddHours(1), [timeline]);

        var back = (SessionSnapshotData)RoundTrip(snapshot);

        Assert.Equal(SpecEvents.T0.AddHours(1), back.EndedAt);
        Assert.Equal(timeline.Entries, Assert.Single(back.Timelines).Entries);
        Assert.Equal("s", back.State.SessionId);
    }

    private object RoundTrip(object message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<ConsoleContextSerializer>(serializer);
        var manifest = Serialization.ManifestFor(serializer, message);
        return Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest);
    }

    private static Protocol.Decision Recap(SessionState state) => new(
        null, state.SessionId, System.Text.Json.JsonSerializer.Serialize(Queries.SessionViews.Snapshot(state)), null, null, "snapshot", null, []);
}
