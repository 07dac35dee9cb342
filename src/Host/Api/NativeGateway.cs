using System.Text.Json;
using ConsoleContext.Actors.Sessions;
using ConsoleContext.Native;
using ConsoleContext.Protocol;
using ConsoleContext.Queries;

namespace ConsoleContext.Host.Api;

/// <summary>
/// Decides native envelopes (spec §6): maps each to canonical events and decides those through the
/// <see cref="SessionGateway"/>, so the journal holds canonical events only. Decisions come back flattened in input order.
/// </summary>
public sealed class NativeGateway(SessionGateway sessions)
{
    /// <summary>Maps and decides <paramref name="envelopes"/> in order; one decision per canonical event (or stand-in), flattened.</summary>
    /// <param name="tenant">The tenant whose sessions decide (the request's, Security/Tenants).</param>
    /// <exception cref="Akka.Actor.AskTimeoutException">A session did not answer within the configured ask timeout.</exception>
    public async Task<Decision[]> DecideAsync(string tenant, IReadOnlyList<JsonElement> envelopes, CancellationToken cancellationToken)
    {
        var decisions = new List<Decision?>();
        var events = new List<JsonElement>();
        var slots = new List<int>();

        async Task DecidePending()
        {
            if (events.Count == 0)
                return;
            var decided = await sessions.DecideBatchAsync(tenant, events, cancellationToken);
            for (var k = 0; k < decided.Length; k++)
                decisions[slots[k]] = decided[k];
            events.Clear();
            slots.Clear();
        }

        foreach (var envelope in envelopes)
        {
            var mapping = NativeEnvelopeMapper.Map(envelope);
            if (mapping.NeedsActiveCalls)
            {
                // The session's calls must be as of this envelope: decide everything before it first.
                await DecidePending();
                var sessionId = envelope.GetProperty("sessionId").GetString()!;
                var snapshot = await sessions.AskAsync<SessionSnapshot>(new SessionQueries.GetSnapshot(sessionId) { Tenant = tenant }, cancellationToken);
                mapping = NativeEnvelopeMapper.Map(envelope, NativeEnvelopeMapper.ActiveCallsOf(snapshot));
            }
            foreach (var item in mapping.Items)
            {
                if (item.Event is { } e)
                {
                    events.Add(JsonSerializer.SerializeToElement(e));
                    slots.Add(decisions.Count);
                }
                decisions.Add(item.Decision);
            }
        }
        await DecidePending();
        return [.. decisions.Select(d => d!)];
    }
}
