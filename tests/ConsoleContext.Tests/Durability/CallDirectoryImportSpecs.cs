using Akka.Actor;
using ConsoleContext.Actors.Calls;
using ConsoleContext.Actors.Sessions;
using Xunit;

namespace ConsoleContext.Tests.Durability;

/// <summary>Rows of the old single call directory (<c>call-directory</c>) are moved into one entry per call once, then deleted.</summary>
public sealed class CallDirectoryImportSpecs : TrackerTestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task WriteOldRowAsync(object row)
    {
        var writer = Sys.ActorOf(Props.Create(() => new JournalWriter(CallIndexMessages.DirectoryPersistenceId, row)));
        Assert.Equal("written", await writer.Ask<string>("write", Wait));
        Sys.Stop(writer);
    }

    private static async Task<string?> SessionOfAsync(IActorRef calls, string callKey) =>
        (await calls.Ask<CallEntryMessages.Location>(new CallEntryMessages.Locate(callKey), Wait)).SessionId;

    [Fact]
    public async Task Old_directory_rows_move_to_their_entries_without_overriding_a_newer_start_and_are_then_deleted()
    {
        var acme = SessionKey.CallKey("acme", "c1");
        await WriteOldRowAsync(new CallIndexMessages.CallStartedIn("c1", "agent-1"));
        await WriteOldRowAsync(new CallIndexMessages.CallStartedIn("c2", "agent-2"));
        await WriteOldRowAsync(new CallIndexMessages.CallStartedIn(acme, "agent-3"));
        await WriteOldRowAsync(new CallIndexMessages.CallStartedIn("c1", "agent-4"));
        var calls = Sys.ActorOf(CallRouterActor.Props(TimeSpan.FromHours(24)));
        // Started again since the old directory's last row: the entry's session is the newer one.
        Assert.IsType<CallEntryMessages.Recorded>(await calls.Ask(new CallEntryMessages.Start("c2", "agent-9"), Wait));

        var import = Sys.ActorOf(CallDirectoryImportActor.Props(calls));
        Watch(import);
        ExpectTerminated(import, Wait);

        Assert.Equal("agent-4", await SessionOfAsync(calls, "c1"));
        Assert.Equal("agent-9", await SessionOfAsync(calls, "c2"));
        Assert.Equal("agent-3", await SessionOfAsync(calls, acme));
        Assert.Null(await SessionOfAsync(calls, "c3"));

        // The old rows are gone: a second import finds nothing and sends nothing.
        var probe = CreateTestProbe();
        var again = Sys.ActorOf(CallDirectoryImportActor.Props(probe.Ref));
        Watch(again);
        ExpectTerminated(again, Wait);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
