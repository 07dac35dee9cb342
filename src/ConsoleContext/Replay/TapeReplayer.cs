using System.Text.Json;
using Akka.Actor;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Native;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;
using ConsoleContext.Rules;

namespace ConsoleContext.Replay;

/// <summary>
/// Plays a tape (JSONL, one event a line, sessions interleaved) through the real actors and returns one
/// decision per non-blank line, in input order; a native envelope line (spec §6) gives one decision per event it maps to. Lines that are not valid events are rejected here and
/// never reach a session.
/// </summary>
public static class TapeReplayer
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    // Events are sent in tape order without waiting for each answer (order per session is the mailbox
    // order), but no more than this many are in flight, so a long tape does not flood the system.
    private const int MaxInFlight = 1024;

    /// <summary>Replays the tape file through a fresh, private session router in <paramref name="system"/>.</summary>
    public static async Task<IReadOnlyList<Decision>> ReplayAsync(ActorSystem system, string path, OwnershipSettings? settings = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var router = system.ActorOf(SessionRouterActor.Props(new OwnershipRules(settings ?? OwnershipSettings.FromConfig(system.Settings.Config))));
        try
        {
            return await ReplayAsync(router, TapeFile.ReadLines(path), timeout, cancellationToken);
        }
        finally
        {
            system.Stop(router);
        }
    }

    /// <summary>Replays tape lines through an existing entry point (a session router or shard region).</summary>
    public static async Task<IReadOnlyList<Decision>> ReplayAsync(IActorRef sessions, IEnumerable<string> lines, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var decisions = new List<Decision>();
        await foreach (var decision in StreamAsync(sessions, lines, timeout, cancellationToken))
            decisions.Add(decision);
        return decisions;
    }

    /// <summary>Like <see cref="ReplayAsync(IActorRef, IEnumerable{string}, TimeSpan?, CancellationToken)"/>, yielding each decision as soon as it and all before it are known.</summary>
    public static async IAsyncEnumerable<Decision> StreamAsync(IActorRef sessions, IEnumerable<string> lines, TimeSpan? timeout = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var wait = timeout ?? DefaultTimeout;
        var inFlight = new Queue<Task<Decision>>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            if (NativeLine(line) is { } envelope)
            {
                foreach (var task in await DecideNative(sessions, envelope, wait, cancellationToken))
                    inFlight.Enqueue(task);
            }
            else
            {
                inFlight.Enqueue(Decide(sessions, line, wait, cancellationToken));
            }
            while (inFlight.Count >= MaxInFlight)
                yield return await inFlight.Dequeue();
        }
        while (inFlight.Count > 0)
            yield return await inFlight.Dequeue();
    }

    private static JsonElement? NativeLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return NativeEnvelopeMapper.IsEnvelope(document.RootElement) ? document.RootElement.Clone() : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            // Not JSON, or not valid text (a lone surrogate from an invalid UTF-8 byte): the canonical path rejects it.
            return null;
        }
    }

    /// <summary>
    /// A native line's events are sent in order like canonical lines. A mapping that needs the session's calls
    /// first reads its snapshot: the session answers after every event sent before, so the calls are as of this line.
    /// </summary>
    private static async Task<IReadOnlyList<Task<Decision>>> DecideNative(IActorRef sessions, JsonElement envelope, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var mapping = NativeEnvelopeMapper.Map(envelope);
        if (mapping.NeedsActiveCalls)
        {
            var sessionId = envelope.GetProperty("sessionId").GetString()!;
            var snapshot = await sessions.Ask<SessionSnapshot>(new SessionQueries.GetSnapshot(sessionId), timeout, cancellationToken);
            mapping = NativeEnvelopeMapper.Map(envelope, NativeEnvelopeMapper.ActiveCallsOf(snapshot));
        }
        return [.. mapping.Items.Select(item => item.Decision is { } ready
            ? Task.FromResult(ready)
            : Decide(sessions, ConsoleEventParser.Parse(JsonSerializer.SerializeToElement(item.Event)), timeout, cancellationToken))];
    }

    private static Task<Decision> Decide(IActorRef sessions, string line, TimeSpan timeout, CancellationToken cancellationToken) =>
        Decide(sessions, ConsoleEventParser.Parse(line), timeout, cancellationToken);

    private static Task<Decision> Decide(IActorRef sessions, ParseResult parsed, TimeSpan timeout, CancellationToken cancellationToken)
    {
        return parsed.Event is { } e
            ? sessions.Ask<Decision>(new SessionCommands.Submit(e), timeout, cancellationToken)
            : Task.FromResult(parsed.Rejection!);
    }
}
