using Akka.Actor;

namespace ConsoleContext.Actors;

/// <summary>
/// What a local router holds for its children that are passivating, as a shard holds messages for a passivating entity:
/// from the moment it sends a child its stop message until the child has terminated, messages for that child are kept
/// (with their senders, in order) and then handed to the child's next incarnation. Keys are the router's own (an entity
/// id or a child's name). Used by <see cref="Sessions.SessionRouterActor"/> and <see cref="Calls.CallRouterActor"/>; one
/// router's actor only, never shared across threads.
/// </summary>
/// <param name="bound">Messages held for all passivating children together; one more is refused (<see cref="TryHold"/>).</param>
public sealed class PassivationHold<TMessage>(int bound)
{
    private readonly Dictionary<string, List<(TMessage Message, IActorRef Sender)>> _held = new(StringComparer.Ordinal);

    /// <summary>How many messages are held now, for all passivating children together.</summary>
    public int Count { get; private set; }

    /// <summary>True while the child of <paramref name="key"/> is passivating.</summary>
    public bool IsPassivating(string key) => _held.ContainsKey(key);

    /// <summary>Starts holding for <paramref name="key"/>; false when its child is already passivating (send no second stop).</summary>
    public bool Begin(string key) => _held.TryAdd(key, []);

    /// <summary>
    /// Holds <paramref name="message"/> when the child of <paramref name="key"/> is passivating. Returns false, holding
    /// nothing, when it is not (route the message as usual) or when <paramref name="full"/>: the bound is reached and the
    /// caller answers the sender itself.
    /// </summary>
    public bool TryHold(string key, TMessage message, IActorRef sender, out bool full)
    {
        full = false;
        if (!_held.TryGetValue(key, out var messages))
            return false;
        if (Count >= bound)
        {
            full = true;
            return false;
        }
        messages.Add((message, sender));
        Count++;
        return true;
    }

    /// <summary>The child of <paramref name="key"/> has terminated: what was held for it, in arrival order (empty when nothing, or when it was not passivating).</summary>
    public IReadOnlyList<(TMessage Message, IActorRef Sender)> End(string key)
    {
        if (!_held.Remove(key, out var messages))
            return [];
        Count -= messages.Count;
        return messages;
    }
}
