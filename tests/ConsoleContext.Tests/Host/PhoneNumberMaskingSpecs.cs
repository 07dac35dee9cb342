using ConsoleContext.Host.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Xunit;

namespace ConsoleContext.Tests.Host;

public sealed class PhoneNumberMaskingSpecs
{
    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    [Fact]
    public void Phone_properties_keep_only_their_last_two_digits_in_every_rendered_line()
    {
        var sink = new CollectingSink();
        using (var logger = new LoggerConfiguration().Enrich.With<PhoneNumberMaskingEnricher>().WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information("Dialling {PhoneNumber} for {Number} in session {SessionId} at seq {SeqNumber}",
                "+1 (415) 555-0100", "4155550123", "agent-1", "42");
        }

        var line = sink.Events.Single().RenderMessage();
        Assert.DoesNotContain("555-0100", line);
        Assert.DoesNotContain("4155550123", line);
        Assert.Contains("*********00", line);
        Assert.Contains("********23", line);
        Assert.Contains("agent-1", line);
        Assert.Contains("42", line);
    }
}
