namespace ConsoleContext.Protocol;

/// <summary>A Salesforce record as the console reported it (recordId plus what came with it).</summary>
public sealed record RecordRef(string RecordId, string? ObjectType, string? RecordName);
