using System.Text.Json;
using ConsoleContext.Host.Commands;
using ConsoleContext.Protocol;
using Xunit;

namespace ConsoleContext.Tests.Replay;

// Not a TestKit: the command starts its own host and actor system.
public sealed class ReplayCommandSpecs : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Replay_writes_exactly_one_json_decision_per_non_blank_line_and_nothing_else()
    {
        var path = TapeFixture.WriteTo(_dir.Path);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReplayCommand.RunAsync([path], stdout, stderr);

        Assert.Equal(ReplayCommand.ExitOk, exit);
        var text = stdout.ToString();
        Assert.EndsWith("\n", text);
        var lines = text[..^1].Split('\n');
        var expected = TapeFixture.NonBlank.ToList();
        Assert.Equal(expected.Count, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
            Assert.Equal(["eventId", "sessionId", "type", "consoleId", "tabId", "outcome", "reason", "calls"],
                json.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "error"));
        }
        var decisions = lines.Select(l => DecisionJson.Deserialize(l)!).ToList();
        Assert.Equal(expected.Select(l => (l.EventId, l.Outcome, l.Reason)), decisions.Select(d => (d.EventId, d.Outcome, d.Reason)));
    }

    [Fact]
    public async Task A_missing_tape_exits_2_with_one_line_on_stderr_and_nothing_on_stdout()
    {
        var path = Path.Combine(_dir.Path, "no-such-tape.jsonl");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await ReplayCommand.RunAsync([path], stdout, stderr);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout.ToString());
        var message = stderr.ToString();
        Assert.EndsWith("\n", message);
        Assert.DoesNotContain("\n", message[..^1]);
        Assert.Contains(path, message);
    }
}
