using Akka.Configuration;

namespace ConsoleContext.Rules;

/// <summary>
/// The tunable windows and bounds of the rules (spec §7 and R11); defaults are the spec's. A tape decides the same
/// under the same settings.
/// </summary>
/// <param name="ClickToDialWindow">R1 rule 2: a click binds a call started at most this long after it (inclusive).</param>
/// <param name="ScreenPopWindow">R1 pending rule: a tabCreated at most this long after the call's start or first connect is its screen pop.</param>
/// <param name="MaxClickIntents">How many recent click-to-dial intents a session keeps (the last ones).</param>
/// <param name="DedupeCapacity">R11: how many eventIds a session remembers for R7 (first in, first out).</param>
/// <param name="EndedCallRetention">R11: an ended call is forgotten by the first event more than this after its end.</param>
/// <param name="MaxEndedCalls">R11: ended calls remembered at most (the earliest ended is forgotten first).</param>
/// <param name="MaxStreams">R11: seq marks of this many most recently used streams are remembered.</param>
/// <param name="MaxOpenTabs">R11: open tabs per session; an event that would open more is rejected.</param>
/// <param name="MaxConsoles">R11: consoles with an open tab per session; an event that would open a tab in one more is rejected.</param>
/// <param name="MaxActiveCalls">R11: active calls per session; an event that would start one more is rejected.</param>
/// <param name="EndedCallsInFull">R11 (a choice): the ended calls that ended last and are kept in full (queries show them);
/// earlier remembered ended calls keep only a digest of their id and their end (a tombstone), which is all the rules read.</param>
public sealed record OwnershipSettings(
    TimeSpan ClickToDialWindow,
    TimeSpan ScreenPopWindow,
    int MaxClickIntents,
    int DedupeCapacity = 10_000,
    TimeSpan? EndedCallRetention = null,
    int MaxEndedCalls = 1_000,
    int MaxStreams = 16,
    int MaxOpenTabs = 500,
    int MaxConsoles = 32,
    int MaxActiveCalls = 64,
    int EndedCallsInFull = 16)
{
    public static readonly OwnershipSettings Default = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), 1_000);

    /// <summary>R11 default: 24 hours.</summary>
    public TimeSpan EndedCallRetentionOrDefault => EndedCallRetention ?? TimeSpan.FromHours(24);

    /// <summary>Reads the <c>console-context</c> section of HOCON.conf; absent keys keep the defaults.</summary>
    public static OwnershipSettings FromConfig(Config? config)
    {
        var section = config?.GetConfig("console-context");
        if (section is null || section.IsEmpty)
            return Default;
        return new OwnershipSettings(
            section.GetTimeSpan("click-to-dial-window", Default.ClickToDialWindow),
            section.GetTimeSpan("screen-pop-window", Default.ScreenPopWindow),
            section.GetInt("max-click-intents", Default.MaxClickIntents),
            section.GetInt("dedupe-capacity", Default.DedupeCapacity),
            section.GetTimeSpan("ended-call-retention", Default.EndedCallRetentionOrDefault),
            section.GetInt("limits.ended-calls", Default.MaxEndedCalls),
            section.GetInt("limits.streams", Default.MaxStreams),
            section.GetInt("limits.open-tabs", Default.MaxOpenTabs),
            section.GetInt("limits.consoles", Default.MaxConsoles),
            section.GetInt("limits.active-calls", Default.MaxActiveCalls),
            Math.Max(0, section.GetInt("ended-calls-in-full", Default.EndedCallsInFull)));
    }
}
