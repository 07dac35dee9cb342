namespace ConsoleContext.Host.Commands;

/// <summary>The arguments of <c>replay</c>: one tape (a path or <c>-</c>) and an optional <c>--expect FILE</c>, in any order.</summary>
public sealed record ReplayArguments(string Tape, string? Expect)
{
    /// <summary>Null with <paramref name="error"/> naming the argument when the arguments are not one tape and at most one --expect.</summary>
    public static ReplayArguments? Parse(IReadOnlyList<string> args, out string error)
    {
        string? tape = null, expect = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--expect" || arg.StartsWith("--expect=", StringComparison.Ordinal))
            {
                var value = arg == "--expect" ? (i + 1 < args.Count ? args[++i] : null) : arg["--expect=".Length..];
                if (string.IsNullOrEmpty(value))
                    return Fail("--expect needs a file of expected decisions", out error);
                if (expect is not null)
                    return Fail("--expect is given twice", out error);
                expect = value;
            }
            else if (arg.StartsWith('-') && arg != ReplayCommand.StandardInput)
            {
                return Fail($"unknown option \"{arg}\"", out error);
            }
            else if (tape is not null)
            {
                return Fail($"unexpected argument \"{arg}\": replay takes one tape", out error);
            }
            else
            {
                tape = arg;
            }
        }
        if (tape is null)
            return Fail("no tape given: replay TAPE, or replay - to read standard input", out error);
        error = "";
        return new ReplayArguments(tape, expect);
    }

    private static ReplayArguments? Fail(string message, out string error)
    {
        error = message;
        return null;
    }
}
