using ConsoleContext.Protocol;

namespace ConsoleContext.Parsing;

/// <summary>Either a valid event or the <c>rejected</c> decision that explains why the input is not one.</summary>
public readonly record struct ParseResult(ConsoleEvent? Event, Decision? Rejection)
{
    public bool IsValid => Event is not null;
}
