using System.Threading.Channels;
using Akka.Actor;
using ConsoleContext.Protocol;

namespace ConsoleContext.Host.Api;

/// <summary>Bridges a session's decision stream into one SSE response.</summary>
public sealed class DecisionStreamActor : ReceiveActor
{
    public DecisionStreamActor(ChannelWriter<Decision> writer)
    {
        // A full channel drops the oldest decision: a slow reader must never slow the session down.
        Receive<Decision>(decision => writer.TryWrite(decision));
    }

    public static Props Props(ChannelWriter<Decision> writer) => Akka.Actor.Props.Create(() => new DecisionStreamActor(writer));
}
