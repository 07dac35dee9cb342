using System.Threading.Channels;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Bridges decisions into one SSE response through a bounded channel. A slow reader never slows a session down: when
/// the channel is full, decisions are counted instead of queued, and a <see cref="Gap"/> with their number takes the
/// next free place, so the reader learns exactly how many it missed and where.
/// </summary>
public sealed class DecisionStreamActor : ReceiveActor, IWithTimers
{
    /// <summary>What the reader finds in place of <paramref name="Missed"/> decisions that did not fit its buffer.</summary>
    public sealed record Gap(long Missed);

    private sealed record RetryGap;

    // How soon a pending gap tries again for a free place when no new decision arrives.
    private static readonly TimeSpan RetryGapEvery = TimeSpan.FromMilliseconds(100);

    private readonly ChannelWriter<object> _writer;
    private readonly string? _tenant;
    private long _missed;

    /// <param name="writer">The response's buffer: <see cref="StreamedDecision"/>s and <see cref="Gap"/>s.</param>
    /// <param name="tenant">For a tenant-wide stream, the tenant whose decisions to take from the event stream; null for one session's.</param>
    public DecisionStreamActor(ChannelWriter<object> writer, string? tenant)
    {
        _writer = writer;
        _tenant = tenant;
        Receive<StreamedDecision>(decision =>
        {
            if (_tenant is null || decision.Tenant == _tenant)
                Offer(decision);
        });
        Receive<RetryGap>(_ => FlushGap());
        // A session stream's session: when it stops (its node died, it was handed off or deleted), the stream ends
        // (the response writes event: end) and the client reconnects with its Last-Event-ID to wherever it lives now.
        Receive<SessionCommands.Subscribed>(_ => Context.Watch(Sender));
        Receive<Terminated>(_ => _writer.TryComplete());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ChannelWriter<object> writer, string? tenant = null) =>
        Akka.Actor.Props.Create(() => new DecisionStreamActor(writer, tenant));

    protected override void PreStart()
    {
        if (_tenant is not null)
            Context.System.EventStream.Subscribe(Self, typeof(StreamedDecision));
    }

    protected override void PostStop()
    {
        if (_tenant is not null)
            Context.System.EventStream.Unsubscribe(Self);
    }

    private void Offer(StreamedDecision decision)
    {
        if (FlushGap() && _writer.TryWrite(decision))
            return;
        _missed++;
        if (!Timers.IsTimerActive(nameof(RetryGap)))
            Timers.StartPeriodicTimer(nameof(RetryGap), new RetryGap(), RetryGapEvery);
    }

    /// <summary>True when no gap is pending (any more).</summary>
    private bool FlushGap()
    {
        if (_missed == 0)
            return true;
        if (!_writer.TryWrite(new Gap(_missed)))
            return false;
        _missed = 0;
        Timers.Cancel(nameof(RetryGap));
        return true;
    }
}
