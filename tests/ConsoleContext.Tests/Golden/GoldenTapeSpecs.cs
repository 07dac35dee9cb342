using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ConsoleContext.Protocol;
using ConsoleContext.Replay;
using Xunit;
using Xunit.Abstractions;

namespace ConsoleContext.Tests.Golden;

/// <summary>
/// Every tape with a <c>NAME.decisions.jsonl</c> beside it is replayed through the real actors and must give
/// exactly the expected decisions. Adding a case is dropping the two files into tests/tapes/ (or samples/tapes/).
/// </summary>
public sealed class GoldenTapeSpecs(ITestOutputHelper output) : TrackerTestKit(output: output)
{
    private const string DecisionsSuffix = ".decisions.jsonl";
    private static readonly string[] GoldenFolders = ["tapes", "samples"];

    public static TheoryData<string> Tapes()
    {
        var data = new TheoryData<string>();
        foreach (var tape in GoldenTapes(GoldenFolders))
            data.Add(tape);
        return data;
    }

    [Theory]
    [MemberData(nameof(Tapes))]
    public async Task Replaying_a_tape_gives_exactly_its_expected_decisions(string tape)
    {
        var expectedFile = ExpectedPathOf(tape);
        var expected = ReadJsonLines(expectedFile);

        var decisions = await TapeReplayer.ReplayAsync(Sys, FullPath(tape));
        var actual = decisions.Select(DecisionJson.Serialize).ToList();

        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var want = Canonical(expected[i].Text);
            var got = Canonical(actual[i]);
            Assert.True(want == got,
                $"{tape}: decision {i + 1} differs from line {expected[i].LineNumber} of {Path.GetFileName(expectedFile)}\n" +
                $"  expected: {want}\n  actual:   {got}");
        }
        Assert.True(expected.Count == actual.Count,
            $"{tape}: expected {expected.Count} decisions, the replay gave {actual.Count}");
    }

    [Fact]
    public void The_golden_tapes_cover_every_rule_and_every_reason()
    {
        var tapes = GoldenTapes(["tapes"]);
        Assert.True(tapes.Count >= 12, $"expected at least 12 golden tapes under tapes/, found {tapes.Count}");

        var names = tapes.Select(Path.GetFileName).ToList();
        var missingRules = Enumerable.Range(1, 11)
            .Select(n => $"r{n}-")
            .Where(prefix => !names.Any(name => name!.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.True(missingRules.Count == 0, $"no golden tape is named after rule(s) {string.Join(", ", missingRules)}");

        var reasonsSeen = GoldenTapes(GoldenFolders)
            .SelectMany(tape => ReadJsonLines(ExpectedPathOf(tape)))
            .Select(line => JsonNode.Parse(line.Text)?["reason"]?.GetValue<string>())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var missingReasons = typeof(Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(reason => !reasonsSeen.Contains(reason))
            .ToList();
        Assert.True(missingReasons.Count == 0, $"no expected decision carries reason(s) {string.Join(", ", missingReasons)}");
    }

    /// <summary>Relative paths (e.g. <c>tapes/r5-closing.jsonl</c>) of the tapes that have expected decisions.</summary>
    private static List<string> GoldenTapes(IEnumerable<string> folders) =>
        folders
            .Select(folder => Path.Combine(AppContext.BaseDirectory, folder))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.jsonl", SearchOption.AllDirectories))
            .Where(path => !path.EndsWith(DecisionsSuffix, StringComparison.Ordinal) && File.Exists(ExpectedPathOf(path)))
            .Select(path => Path.GetRelativePath(AppContext.BaseDirectory, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string FullPath(string tape) => Path.Combine(AppContext.BaseDirectory, tape);

    private static string ExpectedPathOf(string tape) =>
        Path.ChangeExtension(Path.IsPathRooted(tape) ? tape : FullPath(tape), null) + DecisionsSuffix;

    /// <summary>The non-blank lines of a JSONL file with their 1-based line numbers.</summary>
    private static List<(int LineNumber, string Text)> ReadJsonLines(string path) =>
        File.ReadLines(path)
            .Select((text, index) => (LineNumber: index + 1, Text: text))
            .Where(line => !string.IsNullOrWhiteSpace(line.Text))
            .ToList();

    // Whitespace and escaping do not matter; field order does, because the wire order of a decision is part of the contract.
    private static string Canonical(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(DecisionJson.Options) ?? "null";
        }
        catch (JsonException ex)
        {
            return $"<not JSON: {ex.Message}> {json}";
        }
    }
}
