namespace ConsoleContext.Parsing;

/// <summary>Raised inside the parser only; turned into a rejected decision before it leaves.</summary>
internal sealed class InvalidFieldException(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
