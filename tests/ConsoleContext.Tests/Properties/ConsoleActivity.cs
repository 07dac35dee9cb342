using System.Globalization;
using System.Text.Json.Nodes;

namespace ConsoleContext.Tests.Properties;

/// <summary>What one generated step does; <see cref="ConsoleActivity"/> turns it into a tape line.</summary>
public enum Act
{
    TabCreated, TabFocused, TabClosed, TabReplaced, TabRefreshed, TabUpdated, Navigation, ClickToDial,
    CallStarted, CallConnected, CallHeld, CallResumed, CallEnded, CallClaimed, AgentStatus, SessionEnded, Replay, BadLine,
}

/// <summary>One step: the act plus raw dice that pick tabs, records, calls, numbers, seq and time when rendered.</summary>
public sealed record Step(Act Act, int Session, int A, int B, int C, int D, int Seq, int Seconds);

/// <summary>One line of a generated tape and the time it arrives.</summary>
public sealed record TapeLine(string Json, DateTimeOffset ArrivedAt);

/// <summary>
/// Plausible console activity for one or two sessions, kept as abstract steps so that shrinking (dropping steps)
/// always leaves a renderable activity; <see cref="Lines"/> renders it deterministically.
/// </summary>
public sealed record ConsoleActivity(int Sessions, IReadOnlyList<Step> Steps)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] TabIds = ["ctab0", "ctab1", "ctab2", "ctab0_1", "ctab0_2", "ctab1_1", "ctab3"];
    private static readonly (string Id, string Type)?[] Records =
        [("001A", "Account"), ("003B", "Contact"), ("00QC", "Lead"), ("500D", "Case"), ("006E", "Opportunity"), null];
    private static readonly string[] CallIds = ["c1", "c2", "c3", "c4"];
    private static readonly string[] Numbers = ["+1 555 010 0100", "5550100100", "555 0199", "anonymous"];
    private static readonly string[] CallTypes = ["inbound", "outbound", "Consult", "transfer"];
    private static readonly string[] BadLines =
    [
        "this is not json",
        """{"eventId":"bad-1","sessionId":"agent-1"}""",
        """{"eventId":"bad-2","sessionId":"agent-1","type":"tabCreated","tabId":"ctab0","seq":0}""",
        """{"eventId":"bad-3","sessionId":"agent-1","type":"tabTeleported","tabId":"ctab0"}""",
        """{"eventId":"bad-4","sessionId":"agent-2","type":"callStarted","callId":"c1","callType":"carrier-pigeon"}""",
        """{"eventId":"bad-5","sessionId":"agent 1","type":"tabClosed","tabId":"ctab0"}""",
        """[{"eventId":"bad-6"}]""",
    ];

    public override string ToString() =>
        $"{Steps.Count} steps, {Sessions} session(s):{Environment.NewLine}{string.Join(Environment.NewLine, Lines().Select(l => l.Json))}";

    public IReadOnlyList<TapeLine> Lines()
    {
        var lines = new List<TapeLine>(Steps.Count);
        var seqs = new long[2];
        var seconds = 0.0;
        var eventNumber = 0;
        foreach (var step in Steps)
        {
            seconds = Math.Max(-30, seconds + step.Seconds / 4.0);
            var arrivedAt = T0.AddSeconds(seconds);
            var session = step.Session % Sessions;
            var header = new JsonObject
            {
                ["eventId"] = $"e{++eventNumber}",
                ["sessionId"] = $"agent-{session + 1}",
            };

            JsonObject? fields;
            if (step.Act == Act.BadLine)
            {
                lines.Add(new TapeLine(BadLines[step.A % BadLines.Length], arrivedAt));
                continue;
            }
            if (step.Act == Act.Replay)
            {
                if (lines.Count == 0)
                    continue;
                var earlier = lines[step.A % lines.Count];
                // Either the very same line again (a re-sent event), or a callStarted re-dispatched under a new eventId.
                if (step.B % 2 == 0 || ObjectOrNull(earlier.Json) is not { } replay || (string?)replay["type"] != "callStarted")
                {
                    lines.Add(earlier with { ArrivedAt = arrivedAt });
                    continue;
                }
                replay["eventId"] = $"e{++eventNumber}";
                replay["replayed"] = true;
                replay.Remove("seq");
                fields = replay;
                header = null;
            }
            else
            {
                fields = Render(step);
            }

            if (header is not null)
            {
                foreach (var (name, value) in fields.ToList())
                {
                    fields.Remove(name);
                    header[name] = value;
                }
                fields = header;
            }

            var sessionIndex = ((string)fields["sessionId"]!)[^1] - '1';
            if (step.Seq % 10 < 6)
                fields["seq"] = ++seqs[sessionIndex];
            else if (step.Seq % 10 == 6 && seqs[sessionIndex] > 1)
                fields["seq"] = Math.Max(1, seqs[sessionIndex] - 1 - step.Seq / 10 % 3);
            if (step.D % 5 != 0)
                fields["at"] = arrivedAt.AddMilliseconds(step.D % 7 * 250 - 750).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

            lines.Add(new TapeLine(fields.ToJsonString(), arrivedAt));
        }
        return lines;
    }

    private static JsonObject? ObjectOrNull(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static JsonObject Render(Step s)
    {
        var tab = TabIds[s.A % TabIds.Length];
        var record = Records[s.C % Records.Length];
        var call = CallIds[s.A % CallIds.Length];
        var o = new JsonObject();
        void Record()
        {
            if (record is { } r)
            {
                o["recordId"] = r.Id;
                if (s.D % 3 != 0)
                    o["objectType"] = r.Type;
            }
        }

        switch (s.Act)
        {
            case Act.TabCreated:
                o["type"] = "tabCreated";
                o["tabId"] = tab;
                if (s.B % 10 >= 5)
                    o["parentTabId"] = TabIds[s.B / 10 % TabIds.Length];
                Record();
                break;
            case Act.TabFocused:
                o["type"] = "tabFocused";
                o["currentTabId"] = tab;
                break;
            case Act.TabClosed:
                o["type"] = "tabClosed";
                o["tabId"] = tab;
                break;
            case Act.TabReplaced:
                o["type"] = "tabReplaced";
                o["tabId"] = tab;
                Record();
                break;
            case Act.TabRefreshed:
                o["type"] = "tabRefreshed";
                o["tabId"] = tab;
                break;
            case Act.TabUpdated:
                o["type"] = "tabUpdated";
                o["tabId"] = tab;
                o["title"] = $"title {s.B % 3}";
                break;
            case Act.Navigation:
                o["type"] = "navigationChanged";
                o["url"] = record is { } r ? $"/lightning/r/{r.Id}/view" : "/lightning/page/home";
                Record();
                if (s.B % 3 == 0)
                    o["tabId"] = tab;
                break;
            case Act.ClickToDial:
                o["type"] = "clickToDial";
                o["number"] = Numbers[s.B % Numbers.Length];
                Record();
                if (s.B / 10 % 2 == 0)
                    o["tabId"] = tab;
                break;
            case Act.CallStarted:
                o["type"] = "callStarted";
                o["callId"] = call;
                o["callType"] = CallTypes[s.B % CallTypes.Length];
                if (s.B % 3 != 0)
                    o["phoneNumber"] = Numbers[s.B / 3 % Numbers.Length];
                if (s.C % 2 == 0)
                    Record();
                if (s.D % 4 == 0)
                    o["tabId"] = TabIds[s.D / 4 % TabIds.Length];
                if (s.B % 5 == 0)
                    o["parentCallId"] = CallIds[s.B / 5 % CallIds.Length];
                break;
            case Act.CallConnected or Act.CallHeld or Act.CallResumed or Act.CallEnded:
                o["type"] = s.Act switch
                {
                    Act.CallConnected => "callConnected",
                    Act.CallHeld => "callHeld",
                    Act.CallResumed => "callResumed",
                    _ => "callEnded",
                };
                o["callId"] = call;
                break;
            case Act.CallClaimed:
                o["type"] = "callClaimed";
                o["callId"] = call;
                o["tabId"] = TabIds[s.B % TabIds.Length];
                break;
            case Act.AgentStatus:
                o["type"] = "agentStatusChanged";
                o["status"] = s.B % 2 == 0 ? "Available" : "Busy";
                break;
            case Act.SessionEnded:
                o["type"] = "sessionEnded";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(s), s.Act, "not rendered here");
        }
        return o;
    }
}
