using ConsoleContext.Host.Api;
using ConsoleContext.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ConsoleContext.Tests.Host;

/// <summary>What a failed ask to a session becomes for an HTTP caller.</summary>
public sealed class SessionFailureProblemSpecs
{
    [Fact]
    public async Task A_refused_journal_write_is_a_retryable_503_with_retry_after()
    {
        var (status, retryAfter, body) = await Render(new JournalWriteException("agent-1", new IOException("disk gone")));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("1", retryAfter);
        Assert.Contains("retry with the same eventId", body);
    }

    [Fact]
    public async Task An_ask_timeout_is_a_retryable_503()
    {
        var (status, retryAfter, _) = await Render(new Akka.Actor.AskTimeoutException("late"));
        Assert.Equal((StatusCodes.Status503ServiceUnavailable, "1"), (status, retryAfter));
    }

    [Fact]
    public async Task An_unrecoverable_session_is_a_500_that_names_the_session()
    {
        var (status, _, body) = await Render(new SessionUnavailableException("agent-2", "a stored event is unreadable"));
        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Contains("session agent-2 cannot be recovered", body);
    }

    [Fact]
    public void Any_other_failure_is_left_to_the_exception_handler() =>
        Assert.Null(Problems.FromSessionFailure(new DefaultHttpContext(), new InvalidOperationException("bug")));

    private static async Task<(int Status, string? RetryAfter, string Body)> Render(Exception failure)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(),
            Response = { Body = new MemoryStream() },
        };
        var result = Problems.FromSessionFailure(context, failure);
        Assert.NotNull(result);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString(), await new StreamReader(context.Response.Body).ReadToEndAsync());
    }
}
