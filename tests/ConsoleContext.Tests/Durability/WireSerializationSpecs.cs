using System.Text.Json;
using Akka.Actor;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Hosting;
using ConsoleContext.Messaging;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using ConsoleContext.Rules;
using ConsoleContext.Tests.Actors;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>
/// Every message that crosses nodes goes through <see cref="ClusterMessageSerializer"/> and comes back the same; a type
/// without a wire format is refused, never serialized by reflection. The samples are the real answers of a real session.
/// </summary>
public sealed class WireSerializationSpecs() : Akka.TestKit.Xunit2.TestKit(ConsoleContextCluster.WireSerialization.WithFallback(ConsoleContextConfig.ForTests))
{
    private static readonly string Walkthrough = Path.Combine(AppContext.BaseDirectory, "samples", "walkthrough.jsonl");

    [Fact]
    public async Task Every_wire_type_round_trips_through_the_cluster_serializer_and_no_wire_type_is_left_without_a_sample()
    {
        var samples = await SamplesAsync();
        Assert.Equal(ClusterMessageSerializer.Manifests.Keys.OrderBy(t => t.FullName), samples.Select(s => s.GetType()).Distinct().OrderBy(t => t.FullName));
        foreach (var message in samples)
        {
            var serializer = Sys.Serialization.FindSerializerFor(message);
            Assert.IsType<ClusterMessageSerializer>(serializer);
            var bytes = serializer.ToBinary(message);
            var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, ((Akka.Serialization.SerializerWithStringManifest)serializer).Manifest(message));
            Assert.Equal(message.GetType(), back.GetType());
            // Records holding lists compare those by reference: compare the full JSON of both instead.
            Assert.Equal(JsonSerializer.Serialize(message, message.GetType(), JsonOptions), JsonSerializer.Serialize(back, back.GetType(), JsonOptions));
        }
    }

    [Fact]
    public void A_message_type_without_a_wire_format_is_refused_naming_it()
    {
        var unlisted = new SessionEvents.SubscribersChanged(true);
        var serializer = Sys.Serialization.FindSerializerFor(unlisted);
        Assert.IsType<StrictFallbackSerializer>(serializer);
        var error = Assert.Throws<ArgumentException>(() => serializer.ToBinary(unlisted));
        Assert.Contains(nameof(SessionEvents.SubscribersChanged), error.Message);
    }

    // Actor references are written as paths: compare them by path.
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new PathOnly() },
    };

    private sealed class PathOnly : System.Text.Json.Serialization.JsonConverter<IActorRef>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);
        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();
        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) => writer.WriteStringValue(value.Path.ToString());
    }

    private async Task<List<object>> SamplesAsync()
    {
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        var sessions = Sys.ActorOf(SessionRouterActor.Props(OwnershipRules.Default, calls));
        var subscriber = CreateTestProbe();
        var events = File.ReadLines(Walkthrough).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => ConsoleEventParser.Parse(l).Event!).ToList();
        var session = events[0].SessionId;
        var samples = new List<object>();
        var subscribe = new SessionCommands.SubscribeDecisions(session, subscriber.Ref) { Tenant = "acme" };
        samples.Add(subscribe);
        sessions.Tell(subscribe with { Tenant = SessionKey.DefaultTenant });
        foreach (var e in events.Take(events.Count - 2))
        {
            var submit = new SessionCommands.Submit(e);
            samples.Add(submit);
            samples.Add(await sessions.Ask<Decision>(submit, SessionAsks.Timeout));
        }
        var batch = new SessionCommands.SubmitBatch(session, events.TakeLast(2).ToList());
        samples.Add(batch);
        samples.Add(await sessions.Ask<SessionCommands.BatchDecided>(batch, SessionAsks.Timeout));
        samples.Add(subscriber.ExpectMsg<StreamedDecision>());
        samples.Add(new SessionCommands.UnsubscribeDecisions(session, subscriber.Ref));
        samples.Add(new SessionCommands.Subscribed(session));

        var getSnapshot = new SessionQueries.GetSnapshot(session);
        samples.Add(getSnapshot);
        samples.Add(await sessions.Ask<Queries.SessionSnapshot>(getSnapshot, SessionAsks.Timeout));
        var getCall = new SessionQueries.GetCall(session, "call-42");
        samples.Add(getCall);
        samples.Add(await sessions.Ask<Queries.CallView>(getCall, SessionAsks.Timeout));
        samples.Add(await sessions.Ask<SessionQueries.CallNotFound>(getCall with { CallId = "nope" }, SessionAsks.Timeout));
        var getTimeline = new SessionQueries.GetTimeline(session, "call-42");
        samples.Add(getTimeline);
        var timeline = await sessions.Ask<SessionQueries.Timeline>(getTimeline, SessionAsks.Timeout);
        Assert.NotEmpty(timeline.Entries);
        samples.Add(timeline);
        var getTab = new SessionQueries.GetTabActivity(session, "ctab1");
        samples.Add(getTab);
        samples.Add(await sessions.Ask<ConsoleContext.Actors.Tabs.TabActivity>(getTab, SessionAsks.Timeout));
        samples.Add(await sessions.Ask<SessionQueries.TabNotFound>(getTab with { TabId = "nope" }, SessionAsks.Timeout));

        var locate = new CallEntryMessages.Locate("call-42");
        samples.Add(locate);
        // The walkthrough ends the call: its entry holds the archived answers.
        var location = await calls.Ask<CallEntryMessages.Location>(locate, SessionAsks.Timeout);
        var archived = Assert.IsType<CallEntryMessages.ArchivedCall>(location.Archived);
        samples.Add(location);
        samples.Add(await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate("call-43"), SessionAsks.Timeout));
        var start = new CallEntryMessages.Start("call-44", session);
        samples.Add(start);
        samples.Add(await calls.Ask<CallEntryMessages.Recorded>(start, SessionAsks.Timeout));
        samples.Add(new CallEntryMessages.Archive("call-44", session, archived.View, archived.Timeline, archived.EndedAt));
        samples.Add(new CallEntryMessages.Import("call-45", session));
        samples.Add(new CallEntryMessages.Forget(SessionKey.CallEntryId(SessionKey.CallKey("acme", "call-44")), session));
        samples.Add(new CallIndexMessages.Restarting());
        return samples;
    }
}
