namespace ConsoleContext.Native;

/// <summary>A native payload lacks what its mapping needs; the message names the payload field (spec §6).</summary>
public sealed class NativeFieldException(string message) : Exception(message);
