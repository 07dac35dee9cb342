using System.IO.Compression;
using System.Text;
using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Retention;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;

namespace ConsoleContext.Persistence;

/// <summary>
/// System.Text.Json serializer for everything persisted. A manifest names one type in one version and
/// never changes meaning: a new shape gets a new manifest, and the old one stays readable.
/// </summary>
public sealed class ConsoleContextSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerIdentifier = 7301;
    public const string EventAcceptedV1 = "event-accepted.v1";
    public const string EventsAcceptedV1 = "events-accepted.v1";
    public const string EventsDecidedV1 = "events-decided.v1";
    public const string EventsDecidedV2 = "events-decided.v2";
    public const string SessionSnapshotV1 = "session-snapshot.v1";
    public const string SessionStateV1 = "session-state.v1";
    public const string SessionStateV2 = "session-state.v2";
    public const string CallStartedInV1 = "call-started-in.v1";
    public const string CallDirectoryV1 = "call-directory.v1";
    public const string CallEntryStartedV1 = "call-entry-started.v1";
    public const string CallEntryArchivedV1 = "call-entry-archived.v1";
    public const string SessionEndedV1 = "session-ended.v1";
    public const string SessionForgottenV1 = "session-forgotten.v1";
    public const string EndedSessionsV1 = "ended-sessions.v1";
    public const string EndedSessionsV2 = "ended-sessions.v2";
    public const string CallArchivedV1 = "call-archived.v1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override int Identifier => SerializerIdentifier;

    public override string Manifest(object o) => o switch
    {
        EventAccepted => EventAcceptedV1,
        EventsAccepted => EventsAcceptedV1,
        // v2 only where a fact keeps the server's acceptance time (a sessionEnded): every other row stays as v1 wrote it.
        EventsDecided e => e.Facts.Any(f => f.AcceptedAt is not null) ? EventsDecidedV2 : EventsDecidedV1,
        SessionSnapshotData => SessionSnapshotV1,
        SessionStateData => SessionStateV2,
        CallIndexMessages.CallStartedIn => CallStartedInV1,
        CallIndexMessages.DirectorySnapshot => CallDirectoryV1,
        CallEntryMessages.Started => CallEntryStartedV1,
        CallEntryMessages.Archived => CallEntryArchivedV1,
        RetentionMessages.SessionEnded => SessionEndedV1,
        RetentionMessages.SessionForgotten => SessionForgottenV1,
        RetentionMessages.RegistrySnapshot => EndedSessionsV1,
        RetentionMessages.RegistrySnapshotV2 => EndedSessionsV2,
        RetentionMessages.CallArchived => CallArchivedV1,
        _ => throw new ArgumentException($"{o.GetType()} is not persisted by {nameof(ConsoleContextSerializer)}", nameof(o)),
    };

    // Accepted events are stored as tape lines: the journal reads like a tape and the parser guards recovery.
    public override byte[] ToBinary(object obj) => obj switch
    {
        EventAccepted e => Encoding.UTF8.GetBytes(ConsoleEventJson.Write(e.Event)),
        EventsAccepted e => Encoding.UTF8.GetBytes(string.Join('\n', e.Events.Select(ConsoleEventJson.Write))),
        EventsDecided e => FactsJson.Write(e),
        SessionSnapshotData s => Compressed(JsonSerializer.SerializeToUtf8Bytes(s, Json)),
        SessionStateData s => Compressed(JsonSerializer.SerializeToUtf8Bytes(s, Json)),
        CallIndexMessages.CallStartedIn c => JsonSerializer.SerializeToUtf8Bytes(c, Json),
        CallIndexMessages.DirectorySnapshot d => JsonSerializer.SerializeToUtf8Bytes(d, Json),
        CallEntryMessages.Started c => JsonSerializer.SerializeToUtf8Bytes(c, Json),
        CallEntryMessages.Archived c => JsonSerializer.SerializeToUtf8Bytes(c, Json),
        RetentionMessages.SessionEnded e => JsonSerializer.SerializeToUtf8Bytes(e, Json),
        RetentionMessages.SessionForgotten f => JsonSerializer.SerializeToUtf8Bytes(f, Json),
        RetentionMessages.RegistrySnapshot r => JsonSerializer.SerializeToUtf8Bytes(r, Json),
        RetentionMessages.RegistrySnapshotV2 r => JsonSerializer.SerializeToUtf8Bytes(r, Json),
        RetentionMessages.CallArchived c => JsonSerializer.SerializeToUtf8Bytes(c, Json),
        _ => throw new ArgumentException($"{obj.GetType()} is not persisted by {nameof(ConsoleContextSerializer)}", nameof(obj)),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        EventAcceptedV1 => new EventAccepted(ParseStored(Encoding.UTF8.GetString(bytes))),
        EventsAcceptedV1 => new EventsAccepted(Encoding.UTF8.GetString(bytes).Split('\n').Select(ParseStored).ToList()),
        SessionStateV1 => Read<SessionStateDataV1>(bytes).ToV2(Rules.OwnershipSettings.Default.DedupeCapacity),
        EventsDecidedV1 or EventsDecidedV2 => FactsJson.Read(bytes, ParseStored),
        SessionStateV2 => Read<SessionStateData>(Decompressed(bytes)),
        SessionSnapshotV1 => Read<SessionSnapshotData>(Decompressed(bytes)),
        CallStartedInV1 => JsonSerializer.Deserialize<CallIndexMessages.CallStartedIn>(bytes, Json)
                           ?? throw new SerializationException("a stored call directory entry is empty"),
        CallDirectoryV1 => JsonSerializer.Deserialize<CallIndexMessages.DirectorySnapshot>(bytes, Json)
                           ?? throw new SerializationException("a stored call directory snapshot is empty"),
        CallEntryStartedV1 => Read<CallEntryMessages.Started>(bytes),
        CallEntryArchivedV1 => Read<CallEntryMessages.Archived>(bytes),
        SessionEndedV1 => Read<RetentionMessages.SessionEnded>(bytes),
        SessionForgottenV1 => Read<RetentionMessages.SessionForgotten>(bytes),
        EndedSessionsV1 => Read<RetentionMessages.RegistrySnapshot>(bytes),
        EndedSessionsV2 => Read<RetentionMessages.RegistrySnapshotV2>(bytes),
        CallArchivedV1 => Read<RetentionMessages.CallArchived>(bytes),
        _ => throw new SerializationException($"unknown manifest \"{manifest}\" for {nameof(ConsoleContextSerializer)}"),
    };

    // Snapshots are gzip-compressed JSON: call and tab records repeat their keys, so they shrink several times (R11: small snapshots).
    // Optimal, not Fastest: a full session (500 tabs, 1,000 ended calls, 10,000 event digests) is ~190 KB instead of ~270 KB,
    // under the 256 KiB bound, for ~5 ms more per snapshot (Rules/SnapshotSizeSpecs).
    private static byte[] Compressed(byte[] json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(json);
        return output.ToArray();
    }

    private static byte[] Decompressed(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static T Read<T>(byte[] bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new SerializationException($"a stored {typeof(T).Name} is empty");

    private static ConsoleEvent ParseStored(string line)
    {
        var parsed = ConsoleEventParser.Parse(line);
        return parsed.Event ?? throw new SerializationException($"a stored event is unreadable: {parsed.Rejection!.Error}");
    }
}
