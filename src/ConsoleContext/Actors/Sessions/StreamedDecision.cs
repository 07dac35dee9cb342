using ConsoleContext.Protocol;

namespace ConsoleContext.Actors.Sessions;

/// <summary>What a decision subscriber receives: a decision of a session, and where it stands in the session's journal.</summary>
/// <param name="Tenant">The session's tenant.</param>
/// <param name="Position">Where the decision stands in the session's journal; a stream resumes after it.</param>
/// <param name="Journaled">True when the decided event is in the journal (it was accepted), so a resume can decide it again.</param>
/// <param name="Decision">The decision, exactly as the asker got it.</param>
public sealed record StreamedDecision(string Tenant, JournalPosition Position, bool Journaled, Decision Decision);
