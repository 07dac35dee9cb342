using System.Globalization;
using System.Text.Json.Nodes;

namespace ConsoleContext.Tests.Properties;

/// <summary>What one generated step does; <see cref="ConsoleActivity"/> turns it into a tape line.</summary>
public enum Act
{
    TabCreated, TabFocused, TabClosed, TabReplaced, TabRefreshed, TabUpdated, Navigation, ClickToDial,
    CallStarted, CallConnected, CallHeld, CallResumed, CallEnded, CallClaimed, AgentStatus, SessionEnded, Replay, BadLine,
}

/// <summary>
/// One step: the act plus raw dice that pick tabs, records, calls, numbers, seq and time when rendered; <paramref name="E"/>
/// picks the console, <paramref name="F"/> the stream (and bridge reloads), <paramref name="G"/> record-id forms, person-account
/// aliases, adoption fields and re-offer flags.
/// </summary>
public sealed record Step(Act Act, int Session, int A, int B, int C, int D, int Seq, int Seconds, int E = 0, int F = 0, int G = 0);

/// <summary>One line of a generated tape and the time it arrives.</summary>
public sealed record TapeLine(string Json, DateTimeOffset ArrivedAt);

/// <summary>
/// Plausible console activity for one or two sessions, kept as abstract steps so that shrinking (dropping steps)
/// always leaves a renderable activity; <see cref="Lines"/> renders it deterministically. Spec v2: events come from up to
/// three consoles (the default one, w-a, w-b) and from bridge streams that reload (a new streamId numbering seq from 1,
/// while late events of the old stream still arrive); records are named in their 15- or 18-character forms and person
/// accounts by either id with the other as alias; state events of calls never started carry start fields (adoption); call
/// ids are re-offered after their end, earlier or later, replayed or not.
/// </summary>
public sealed record ConsoleActivity(int Sessions, IReadOnlyList<Step> Steps)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] TabIds = ["ctab0", "ctab1", "ctab2", "ctab0_1", "ctab0_2", "ctab1_1", "ctab3"];
    // Each record in its 15- and 18-character forms; the person account has an Account and a Contact id (aliases of one record).
    private static readonly (string Id, string Id18, string Type, string? ContactId, string? ContactId18)?[] Records =
    [
        ("001Ax00000AbCdE", "001Ax00000AbCdEIAV", "Account", null, null),
        ("003Bq00000xYzWv", "003Bq00000xYzWvIAK", "Contact", null, null),
        ("00QCc00000LmNoP", "00QCc00000LmNoPMAV", "Lead", null, null),
        ("500Dd00000QrStU", "500Dd00000QrStUIAV", "Case", null, null),
        ("006Ee00000gHiJk", "006Ee00000gHiJkIAK", "Opportunity", null, null),
        ("001Pa00000PeRsN", "001Pa00000PeRsNIAV", "Account", "003Pa00000PeRsN", "003Pa00000PeRsNIAV"),
        null,
    ];
    private static readonly string?[] Consoles = [null, null, "w-a", "w-b"];
    private static readonly string[] CallIds = ["c1", "c2", "c3", "c4"];
    private static readonly string[] Numbers = ["+1 555 010 0100", "5550100100", "555 0199", "anonymous", "555-010-0100 x12", "5550199;ext=4"];
    private static readonly string[] CallTypes = ["inbound", "outbound", "Consult", "transfer", "InternalCall", "DialedCallback", "AddParticipant"];
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
        // Per session: the streams its bridges used, the current one last, and each stream's last seq.
        var streams = new[] { new List<string?> { null }, new List<string?> { null } };
        var seqs = new Dictionary<(int Session, string? Stream), long>();
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
            if (Consoles[step.E % Consoles.Length] is { } consoleId)
                header["consoleId"] = consoleId;
            var bridges = streams[session];
            if (step.F % 20 == 0)
                bridges.Add($"b{eventNumber}"); // the page reloaded: a new bridge numbers seq from 1
            // Mostly the current bridge; now and then a late event of the one before it.
            var stream = step.F % 20 == 1 && bridges.Count > 1 ? bridges[^2] : bridges[^1];
            if (stream is not null)
                header["streamId"] = stream;

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

            var seqKey = (((string)fields["sessionId"]!)[^1] - '1', (string?)fields["streamId"]);
            var last = seqs.GetValueOrDefault(seqKey);
            if (step.Seq % 10 < 6)
                fields["seq"] = seqs[seqKey] = last + 1;
            else if (step.Seq % 10 == 6 && last > 1)
                fields["seq"] = Math.Max(1, last - 1 - step.Seq / 10 % 3);
            // Event times jitter around arrival; a re-offered callStarted may carry a time up to 60 s back (not later than the end).
            var at = step.Act == Act.CallStarted && step.G % 5 == 1 ? arrivedAt.AddSeconds(-(step.G / 5 % 61)) : arrivedAt.AddMilliseconds(step.D % 7 * 250 - 750);
            if (step.D % 5 != 0)
                fields["at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

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
            if (record is not { } r)
                return;
            // The id in one of its forms: 15 characters, 18, or 18 in lower case (the suffix makes it case-insensitive).
            string Form(string id15, string id18) => (s.G % 3) switch { 0 => id15, 1 => id18, _ => id18.ToLowerInvariant() };
            var (id, type) = (Form(r.Id, r.Id18), r.Type);
            if (r.ContactId is { } contact)
            {
                // A person account: named by its Account or its Contact id, with the other one as alias or not at all.
                var contactForm = Form(contact, r.ContactId18!);
                switch (s.G / 3 % 4)
                {
                    case 0: o["contactId"] = contactForm; break;
                    case 1: (id, type) = (contactForm, "Contact"); o["accountId"] = r.Id; break;
                    case 2: (id, type) = (contactForm, "Contact"); break;
                }
            }
            o["recordId"] = id;
            if (s.D % 3 != 0)
                o["objectType"] = type;
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
                // A re-offer of an ended call id may come flagged as a connector re-dispatch.
                if (s.G % 7 == 0)
                    o["replayed"] = true;
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
                // For a call the session never saw start, these fields adopt it (R6); for a known call they are ignored.
                if (s.Act != Act.CallEnded && s.G % 3 == 0)
                {
                    if (s.B % 2 == 0)
                        o["callType"] = CallTypes[s.B / 2 % CallTypes.Length];
                    if (s.B % 3 == 0)
                        o["phoneNumber"] = Numbers[s.B / 3 % Numbers.Length];
                    if (s.C % 2 == 0)
                        Record();
                    if (s.D % 4 == 0)
                        o["tabId"] = TabIds[s.D / 4 % TabIds.Length];
                }
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
