using System.Net;
using Xunit;

namespace ConsoleContext.Tests.Streams;

/// <summary>A decision stream as an EventSource client reads it: comments and events (id, event, data), one block at a time.</summary>
internal sealed class SseStream : IDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>One block: a comment (<see cref="Comment"/>) or an event.</summary>
    public sealed record Item(string? Comment, string? Id, string? Event, string? Data);

    /// <summary>Opens the stream and reads its <c>: subscribed</c> comment.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var response = await SendAsync(client, path, lastEventId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stream = new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        Assert.Equal("subscribed", (await stream.NextAsync()).Comment);
        return stream;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public async Task<Item> NextAsync()
    {
        string? comment = null, id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync().WaitAsync(Wait) ?? throw new EndOfStreamException("the stream ended");
            if (line.Length == 0)
            {
                if (comment is not null || type is not null)
                    return new Item(comment, id, type, data);
                continue;
            }
            if (line.StartsWith(':'))
                comment = line[1..].Trim();
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
                id = line["id: ".Length..];
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
                type = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line["data: ".Length..];
            else
                Assert.Fail($"unexpected SSE line: {line}");
        }
    }

    /// <summary>The next <paramref name="count"/> decision events, skipping heartbeats.</summary>
    public async Task<List<Item>> DecisionsAsync(int count)
    {
        var decisions = new List<Item>();
        while (decisions.Count < count)
        {
            var item = await NextAsync();
            if (item.Comment is "heartbeat")
                continue;
            Assert.Equal("decision", item.Event);
            decisions.Add(item);
        }
        return decisions;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
