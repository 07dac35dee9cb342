using System.Text.Json.Serialization;

namespace ConsoleContext.Protocol;

/// <summary>
/// A Salesforce record as the console reported it: recordId plus what came with it. A person account shows one
/// record under several ids (spec §4 Identity): <paramref name="AccountId"/> and <paramref name="ContactId"/> are its
/// aliases, and a tab, click or navigation showing it matches any of them. Ids are kept as first given; comparison
/// goes through <see cref="RecordIds.Normalize"/>.
/// </summary>
/// <param name="RecordId">The record's id, 1-256 printable ASCII characters (15- or 18-character Salesforce id, or any opaque id).</param>
/// <param name="AccountId">Person account: the Account id of the same person; omitted from JSON when null.</param>
/// <param name="ContactId">Person account: the Contact id of the same person; omitted from JSON when null.</param>
public sealed record RecordRef(
    string RecordId,
    string? ObjectType,
    string? RecordName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AccountId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContactId = null)
{
    /// <summary>True when any id of this record names the same record as any id of <paramref name="other"/> (normal forms equal).</summary>
    public bool SameAs(RecordRef other) => Matches(other.RecordId) || (other.AccountId is { } a && Matches(a)) || (other.ContactId is { } c && Matches(c));

    /// <summary>True when <paramref name="id"/> names this record under any of its ids (spec §4 record-id normal form).</summary>
    public bool Matches(string id) =>
        RecordIds.Same(RecordId, id) || (AccountId is { } a && RecordIds.Same(a, id)) || (ContactId is { } c && RecordIds.Same(c, id));
}
