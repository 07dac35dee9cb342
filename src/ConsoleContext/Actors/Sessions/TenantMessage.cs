namespace ConsoleContext.Actors.Sessions;

/// <summary>A session message that names its tenant; the message extractor routes it by <see cref="SessionKey.EntityId"/>.</summary>
public abstract record TenantMessage
{
    /// <summary>The tenant of the API key (or bridge token) the message came from; <see cref="SessionKey.DefaultTenant"/> unless set.</summary>
    public string Tenant { get; init; } = SessionKey.DefaultTenant;
}
