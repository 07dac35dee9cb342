using Akka.Actor;
using Akka.Persistence;

namespace ConsoleContext.Tests.Durability;

/// <summary>Writes one journal entry under a persistence id exactly as an older version of the service could have; answers "written".</summary>
internal sealed class JournalWriter : ReceivePersistentActor
{
    public JournalWriter(string persistenceId, object entry)
    {
        PersistenceId = persistenceId;
        Command<string>(_ =>
        {
            var asker = Sender;
            Persist(entry, _ => asker.Tell("written"));
        });
    }

    public override string PersistenceId { get; }
}
