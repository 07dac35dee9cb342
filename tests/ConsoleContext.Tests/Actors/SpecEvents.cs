using System.Globalization;
using System.Text.Json;
using ConsoleContext.Parsing;
using ConsoleContext.Protocol;

namespace ConsoleContext.Tests.Actors;

/// <summary>Builds events for the actor and replay specs as wire JSON, so they pass through the real parser.</summary>
internal static class SpecEvents
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>One tape line; fields whose value is null are left out.</summary>
    public static string Line(string sessionId, string eventId, string type, params (string Name, object? Value)[] fields)
    {
        var json = new Dictionary<string, object?> { ["eventId"] = eventId, ["sessionId"] = sessionId, ["type"] = type };
        foreach (var (name, value) in fields)
        {
            if (value is DateTimeOffset at)
                json[name] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            else if (value is not null)
                json[name] = value;
        }
        return JsonSerializer.Serialize(json);
    }

    public static ConsoleEvent Event(string sessionId, string eventId, string type, params (string Name, object? Value)[] fields)
    {
        var parsed = ConsoleEventParser.Parse(Line(sessionId, eventId, type, fields));
        return parsed.Event ?? throw new ArgumentException($"test event {eventId} is not valid: {parsed.Rejection!.Error}");
    }

    public static string Wire(Decision decision) => DecisionJson.Serialize(decision);
}
