using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Actors.Tabs;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;

namespace ConsoleContext.Messaging;

/// <summary>
/// System.Text.Json for every message that crosses nodes: requests to sessions, their answers, decision streams and the
/// call entries' questions. Each type has one fixed manifest (<see cref="Manifests"/>); a type not listed there has no
/// wire format at all (<see cref="StrictFallbackSerializer"/> refuses it), so nothing falls back to a reflection serializer.
/// Console events travel as tape lines (the journal's form, read back by the parser); actor references as Akka paths.
/// </summary>
public sealed class ClusterMessageSerializer : SerializerWithStringManifest
{
    public const int SerializerIdentifier = 7302;

    /// <summary>Every type that may cross nodes, with its manifest.</summary>
    public static readonly IReadOnlyDictionary<Type, string> Manifests = new Dictionary<Type, string>
    {
        [typeof(SessionCommands.Submit)] = "submit.v1",
        [typeof(SessionCommands.SubmitBatch)] = "submit-batch.v1",
        [typeof(SessionCommands.BatchDecided)] = "batch-decided.v1",
        [typeof(SessionCommands.SubscribeDecisions)] = "subscribe.v1",
        [typeof(SessionCommands.Subscribed)] = "subscribed.v1",
        [typeof(SessionCommands.UnsubscribeDecisions)] = "unsubscribe.v1",
        [typeof(SessionQueries.GetSnapshot)] = "get-snapshot.v1",
        [typeof(SessionQueries.GetCall)] = "get-call.v1",
        [typeof(SessionQueries.CallNotFound)] = "call-not-found.v1",
        [typeof(SessionQueries.GetTimeline)] = "get-timeline.v1",
        [typeof(SessionQueries.Timeline)] = "timeline.v1",
        [typeof(SessionQueries.GetTabActivity)] = "get-tab-activity.v1",
        [typeof(SessionQueries.TabNotFound)] = "tab-not-found.v1",
        [typeof(Decision)] = "decision.v1",
        [typeof(SessionSnapshot)] = "session-snapshot.v1",
        [typeof(CallView)] = "call-view.v1",
        [typeof(TabActivity)] = "tab-activity.v1",
        [typeof(StreamedDecision)] = "streamed-decision.v1",
        [typeof(CallIndexMessages.Restarting)] = "call-directory-restarting.v1",
        [typeof(CallEntryMessages.Start)] = "call-entry-start.v1",
        [typeof(CallEntryMessages.Archive)] = "call-entry-archive.v1",
        [typeof(CallEntryMessages.Import)] = "call-entry-import.v1",
        [typeof(CallEntryMessages.Recorded)] = "call-entry-recorded.v1",
        [typeof(CallEntryMessages.Locate)] = "call-entry-locate.v1",
        [typeof(CallEntryMessages.Location)] = "call-entry-location.v1",
        [typeof(CallEntryMessages.Forget)] = "call-entry-forget.v1",
    };

    private readonly Dictionary<string, Type> _types = Manifests.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    private readonly JsonSerializerOptions _json;

    public ClusterMessageSerializer(ExtendedActorSystem system) : base(system)
    {
        _json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new ConsoleEventConverter(), new ActorRefConverter(system) } };
    }

    public override int Identifier => SerializerIdentifier;

    public override string Manifest(object o) => Manifests.TryGetValue(o.GetType(), out var manifest)
        ? manifest
        : throw new ArgumentException($"{o.GetType()} has no wire format in {nameof(ClusterMessageSerializer)}", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), _json);

    public override object FromBinary(byte[] bytes, string manifest) => _types.TryGetValue(manifest, out var type)
        ? JsonSerializer.Deserialize(bytes, type, _json) ?? throw new SerializationException($"an empty {manifest} message")
        : throw new SerializationException($"unknown manifest \"{manifest}\" for {nameof(ClusterMessageSerializer)}");

    /// <summary>A console event as its tape line, read back by the parser (which checks it as it checks any input).</summary>
    private sealed class ConsoleEventConverter : JsonConverter<ConsoleEvent>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(ConsoleEvent).IsAssignableFrom(typeToConvert);

        public override ConsoleEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var line = reader.GetString() ?? throw new JsonException("a console event is null");
            var parsed = ConsoleEventParser.Parse(line);
            return parsed.Event ?? throw new JsonException($"a console event from another node is unreadable: {parsed.Rejection!.Error}");
        }

        public override void Write(Utf8JsonWriter writer, ConsoleEvent value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ConsoleEventJson.Write(value));
    }

    /// <summary>An actor reference as its full path (with the node's address), resolved on the receiving node.</summary>
    private sealed class ActorRefConverter(ExtendedActorSystem system) : JsonConverter<IActorRef>
    {
        public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

        public override IActorRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            system.Provider.ResolveActorRef(reader.GetString() ?? throw new JsonException("an actor path is null"));

        public override void Write(Utf8JsonWriter writer, IActorRef value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
    }
}
