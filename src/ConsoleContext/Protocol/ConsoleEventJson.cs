using System.Text;
using System.Text.Json;
using static ConsoleContext.Protocol.ConsoleEvents;

namespace ConsoleContext.Protocol;

/// <summary>
/// Writes an event back in its wire format (one tape line). Parsing the line gives the same event, so the
/// journal, tape export and replay all speak the one format of docs/ownership.md.
/// </summary>
public static class ConsoleEventJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = DecisionJson.Options.Encoder };

    public static string Write(ConsoleEvent e)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        Write(buffer, e);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the event's tape line (without a line break) as UTF-8 straight into <paramref name="output"/>.</summary>
    public static void Write(System.Buffers.IBufferWriter<byte> output, ConsoleEvent e)
    {
        using (var w = new Utf8JsonWriter(output, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("eventId", e.EventId);
            w.WriteString("sessionId", e.SessionId);
            w.WriteString("type", e.Type);
            Optional(w, "consoleId", e.Header.ConsoleId);
            Optional(w, "streamId", e.Header.StreamId);
            if (e.Header.Seq is { } seq)
                w.WriteNumber("seq", seq);
            if (e.Header.Part > 0)
                w.WriteNumber("part", e.Header.Part);
            if (e.Header.At is { } at)
                w.WriteString("at", at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
            WriteFields(w, e);
            w.WriteEndObject();
        }
    }

    private static void WriteFields(Utf8JsonWriter w, ConsoleEvent e)
    {
        switch (e)
        {
            case TabCreated x:
                w.WriteString("tabId", x.TabId);
                Optional(w, "parentTabId", x.ParentTabId);
                Record(w, x.Record);
                Optional(w, "url", x.Url);
                break;
            case TabFocused x:
                Optional(w, "currentTabId", x.CurrentTabId);
                Optional(w, "previousTabId", x.PreviousTabId);
                Optional(w, "parentTabId", x.ParentTabId);
                break;
            case TabClosed x:
                w.WriteString("tabId", x.TabId);
                break;
            case TabReplaced x:
                w.WriteString("tabId", x.TabId);
                Optional(w, "parentTabId", x.ParentTabId);
                Record(w, x.Record);
                Optional(w, "url", x.Url);
                break;
            case TabRefreshed x:
                w.WriteString("tabId", x.TabId);
                break;
            case TabUpdated x:
                w.WriteString("tabId", x.TabId);
                Optional(w, "title", x.Title);
                break;
            case NavigationChanged x:
                w.WriteString("url", x.Url);
                Record(w, x.Record);
                Optional(w, "tabId", x.TabId);
                Optional(w, "parentTabId", x.ParentTabId);
                break;
            case ClickToDial x:
                w.WriteString("number", x.Number);
                Record(w, x.Record);
                Optional(w, "tabId", x.TabId);
                break;
            case CallStarted x:
                w.WriteString("callId", x.CallId);
                StartFields(w, new CallStartFields(x.CallType, x.PhoneNumber, x.Record, x.TabId, x.ParentCallId, x.Replayed));
                break;
            case CallStateChanged x:
                w.WriteString("callId", x.CallId);
                Optional(w, "disposition", x.Disposition);
                if (x.Start is { } start)
                    StartFields(w, start);
                break;
            case CallClaimed x:
                w.WriteString("callId", x.CallId);
                w.WriteString("tabId", x.TabId);
                break;
            case AgentStatusChanged x:
                w.WriteString("status", x.Status);
                break;
            case SessionEnded:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(e), e.Type, "no wire format for this event type");
        }
    }

    private static void StartFields(Utf8JsonWriter w, CallStartFields start)
    {
        Optional(w, "callType", start.CallType);
        Optional(w, "phoneNumber", start.PhoneNumber);
        Record(w, start.Record);
        Optional(w, "tabId", start.TabId);
        Optional(w, "parentCallId", start.ParentCallId);
        if (start.Replayed)
            w.WriteBoolean("replayed", true);
    }

    private static void Record(Utf8JsonWriter w, RecordRef? record)
    {
        if (record is null)
            return;
        w.WriteString("recordId", record.RecordId);
        Optional(w, "accountId", record.AccountId);
        Optional(w, "contactId", record.ContactId);
        Optional(w, "objectType", record.ObjectType);
        Optional(w, "recordName", record.RecordName);
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }
}
