namespace ConsoleContext.Protocol;

/// <summary>Marker for every message addressed to one agent session; the session id is the entity id.</summary>
public interface ISessionMessage
{
    string SessionId { get; }
}
