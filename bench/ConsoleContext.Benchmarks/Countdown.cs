using Akka.Actor;
using ConsoleContext.Actors.Sessions;

namespace ConsoleContext.Benchmarks;

/// <summary>Receives the answers of one benchmark invocation and completes when all of them have arrived.</summary>
public sealed class Countdown : ReceiveActor
{
    public sealed record Arm(long Expected, TaskCompletionSource Done);

    private long _remaining;
    private TaskCompletionSource? _done;

    public Countdown()
    {
        Receive<Arm>(arm =>
        {
            _remaining = arm.Expected;
            _done = arm.Done;
        });
        Receive<SessionCommands.BatchDecided>(batch => Answered(batch.Decisions.Count));
        Receive<Status.Failure>(f => _done?.TrySetException(f.Cause));
        ReceiveAny(_ => Answered(1));
    }

    private void Answered(int count)
    {
        _remaining -= count;
        if (_remaining == 0)
            _done?.TrySetResult();
    }

    /// <summary>Arms <paramref name="countdown"/> for <paramref name="expected"/> answers; await the task after sending.</summary>
    public static Task Expect(IActorRef countdown, long expected)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        countdown.Tell(new Arm(expected, done));
        return done.Task;
    }
}
