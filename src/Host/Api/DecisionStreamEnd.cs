using System.Threading.Channels;
using ConsoleContext.Protocol;

namespace ConsoleContext.Host.Api;

/// <summary>
/// How a decision stream ends when the service stops: after the in-flight writes are answered (their decisions
/// sent), one <c>event: end</c> with data <c>{"reason":"shutdown"}</c>, then the response completes.
/// </summary>
public static class DecisionStreamEnd
{
    public const string ShutdownEvent = "event: end\ndata: {\"reason\":\"shutdown\"}\n\n";

    /// <summary>How long a stream waits for in-flight writes before it ends anyway (Kestrel's own limit is longer).</summary>
    public static readonly TimeSpan MaxWaitForWrites = TimeSpan.FromSeconds(10);

    public static async Task WriteShutdownAsync(HttpContext context, ChannelReader<Decision> pending, Func<Decision, string> format,
        CancellationToken clientGone)
    {
        var writes = context.RequestServices.GetRequiredService<InFlightWrites>();
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        bounded.CancelAfter(MaxWaitForWrites);
        try
        {
            await writes.WhenNoneAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!clientGone.IsCancellationRequested)
        {
            // Writes still running after the bound: end the stream anyway so shutdown is not held up by it.
        }
        try
        {
            while (pending.TryRead(out var decision))
                await context.Response.WriteAsync(format(decision), clientGone);
            await context.Response.WriteAsync(ShutdownEvent, clientGone);
            await context.Response.Body.FlushAsync(clientGone);
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            // The client went away first: nothing left to end.
        }
    }
}
