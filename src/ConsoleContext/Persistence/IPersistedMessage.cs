namespace ConsoleContext.Persistence;

/// <summary>Marker bound to <see cref="ConsoleContextSerializer"/>: everything journaled or snapshotted implements it.</summary>
public interface IPersistedMessage;
