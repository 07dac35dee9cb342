using System.Diagnostics;
using HdrHistogram;

namespace ConsoleContext.Host.Simulation;

/// <summary>Decision latency (send to answer) in microseconds: over the whole run and per second of the run.</summary>
public sealed class LatencyRecorder
{
    private const long HighestMicros = 60_000_000;
    private readonly long _startedAt;
    private readonly List<LongHistogram> _perSecond = [];

    public LatencyRecorder(long startedAt) => _startedAt = startedAt;

    public LongHistogram Total { get; } = NewHistogram();
    public IReadOnlyList<LongHistogram> PerSecond => _perSecond;

    public static LongHistogram NewHistogram() => new(HighestMicros, 3);

    public void Record(long sentAt, long answeredAt)
    {
        var micros = Math.Clamp((answeredAt - sentAt) * 1_000_000 / Stopwatch.Frequency, 0, HighestMicros);
        Total.RecordValue(micros);
        var second = (int)((answeredAt - _startedAt) / Stopwatch.Frequency);
        while (_perSecond.Count <= second)
            _perSecond.Add(NewHistogram());
        _perSecond[second].RecordValue(micros);
    }
}
