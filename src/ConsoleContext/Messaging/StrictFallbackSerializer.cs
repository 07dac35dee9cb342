using Akka.Actor;
using Akka.Serialization;

namespace ConsoleContext.Messaging;

/// <summary>
/// Bound to <c>System.Object</c> in place of Akka's reflection-based JSON fallback: a message without a serializer of its
/// own cannot be sent to another node (or journaled), and the error names its type instead of a half-readable payload.
/// </summary>
public sealed class StrictFallbackSerializer(ExtendedActorSystem system) : Serializer(system)
{
    public const int SerializerIdentifier = 7303;

    public override int Identifier => SerializerIdentifier;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new ArgumentException($"{obj.GetType()} has no wire format: add it to {nameof(ClusterMessageSerializer)}.{nameof(ClusterMessageSerializer.Manifests)}", nameof(obj));

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new System.Runtime.Serialization.SerializationException($"{type?.ToString() ?? "a message"} has no wire format");
}
