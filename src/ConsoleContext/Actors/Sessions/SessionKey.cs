namespace ConsoleContext.Actors.Sessions;

/// <summary>
/// A session's identity across tenants: the same sessionId in two tenants is two unrelated sessions. The
/// <c>default</c> tenant keeps the identifiers the service had before tenants existed (entity id = sessionId,
/// persistence id <c>session-{sessionId}</c>, call-directory key = callId), so existing journals belong to it.
/// Other tenants are prefixed with a separator that neither a tenant name nor a sessionId can contain.
/// </summary>
/// <param name="Tenant">A tenant name (the sessionId pattern); <see cref="DefaultTenant"/> for keys without one.</param>
/// <param name="SessionId">The sessionId as events carry it.</param>
public readonly record struct SessionKey(string Tenant, string SessionId)
{
    /// <summary>The tenant of every key configured without one, of generated keys and of journals written before tenants.</summary>
    public const string DefaultTenant = "default";

    // Neither tenant names nor sessionIds may contain '/', so "{tenant}/{sessionId}" is unambiguous.
    private const char EntitySeparator = '/';
    // callIds are printable ASCII; a control character cannot occur in one.
    private const char CallSeparator = '\u001F';

    /// <summary>The entity id the message extractor routes by: <c>sessionId</c> in the default tenant, else <c>{tenant}/{sessionId}</c>.</summary>
    public string EntityId => IsDefaultTenant ? SessionId : Tenant + EntitySeparator + SessionId;

    /// <summary>The session actor's name: the entity id percent-encoded, so any id gives a valid actor name.</summary>
    public string ActorName => ActorNames.Encode(EntityId);

    private bool IsDefaultTenant => Tenant == DefaultTenant;

    /// <summary>The inverse of <see cref="EntityId"/>.</summary>
    public static SessionKey FromEntityId(string entityId)
    {
        var separator = entityId.IndexOf(EntitySeparator);
        return separator < 0 ? new SessionKey(DefaultTenant, entityId) : new SessionKey(entityId[..separator], entityId[(separator + 1)..]);
    }

    /// <summary>The inverse of <see cref="ActorName"/>.</summary>
    public static SessionKey FromActorName(string actorName) => FromEntityId(ActorNames.Decode(actorName));

    /// <summary><c>{journalScope}session-{sessionId}</c> in the default tenant, <c>{journalScope}tenant-{tenant}/session-{sessionId}</c> in others.</summary>
    public string PersistenceId(string journalScope) =>
        journalScope + (IsDefaultTenant ? "" : $"tenant-{Tenant}{EntitySeparator}") + "session-" + SessionId;

    /// <summary>The inverse of <see cref="PersistenceId"/>; null for a persistence id that is not a session's in that scope.</summary>
    public static SessionKey? FromPersistenceId(string persistenceId, string journalScope)
    {
        if (!persistenceId.StartsWith(journalScope, StringComparison.Ordinal))
            return null;
        var rest = persistenceId.AsSpan(journalScope.Length);
        const string session = "session-", tenant = "tenant-";
        if (rest.StartsWith(session, StringComparison.Ordinal))
            return new SessionKey(DefaultTenant, rest[session.Length..].ToString());
        var separator = rest.IndexOf(EntitySeparator);
        if (!rest.StartsWith(tenant, StringComparison.Ordinal) || separator < 0 || !rest[(separator + 1)..].StartsWith(session, StringComparison.Ordinal))
            return null;
        return new SessionKey(rest[tenant.Length..separator].ToString(), rest[(separator + 1 + session.Length)..].ToString());
    }

    /// <summary>The call directory's key for a callId of <paramref name="tenant"/>: the callId itself in the default tenant.</summary>
    public static string CallKey(string tenant, string callId) => tenant == DefaultTenant ? callId : tenant + CallSeparator + callId;

    /// <summary>
    /// The id of the call's entry in the call directory for a <see cref="CallKey"/>: the tenant part kept, the callId replaced by its
    /// 16-hex-digit digest (<see cref="Rules.EndedCallTombstones.Digest"/>), so a session that remembers only a tombstone of the call can
    /// still name its entry. A tenant name cannot contain the separator, so the first one splits the key.
    /// </summary>
    public static string CallEntryId(string callKey)
    {
        var separator = callKey.IndexOf(CallSeparator);
        return separator < 0
            ? CallEntryId(DefaultTenant, Rules.EndedCallTombstones.Digest(callKey))
            : CallEntryId(callKey[..separator], Rules.EndedCallTombstones.Digest(callKey[(separator + 1)..]));
    }

    /// <summary>The call entry's id for a callId digest of <paramref name="tenant"/>: the 16 lower-case hex digits, prefixed by <c>{tenant}\u001F</c> outside the default tenant.</summary>
    public static string CallEntryId(string tenant, ulong digest)
    {
        var hex = digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        return tenant == DefaultTenant ? hex : tenant + CallSeparator + hex;
    }
}
