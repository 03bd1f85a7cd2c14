using System.Diagnostics;

namespace TalentLink.Data;

/// <summary>
/// The fair write queue of one SQLite service. SQLite admits one writer at a time and its busy
/// handler is unfair: a waiting connection sleeps and retries, so under contention a writer can
/// lose the race again and again (seconds, with only a handful of writers). A service is one
/// process, so it queues its own writers instead: each write waits here, first come first served,
/// before it asks SQLite for the write lock, and then gets it at once.
/// </summary>
public sealed class SqliteWriteQueue
{
    private readonly Lock _sync = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private readonly DatabaseMetrics? _metrics;
    private bool _held;
    private long _writes;
    private long _maxWaitTicks;

    public SqliteWriteQueue(DatabaseMetrics? metrics = null) => _metrics = metrics;

    /// <summary>Writes that went through the queue since the service started.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The longest any write waited for its turn.</summary>
    public TimeSpan MaxWait => TimeSpan.FromTicks(Interlocked.Read(ref _maxWaitTicks));

    /// <summary>Waits for this writer's turn; the caller must <see cref="Exit"/> once its write is over.</summary>
    public async ValueTask<TimeSpan> EnterAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        if (Join() is { } turn)
        {
            await using (cancellationToken.Register(() => turn.TrySetCanceled(cancellationToken)))
            {
                await turn.Task;
            }
        }

        return Entered(started);
    }

    /// <summary>The synchronous form of <see cref="EnterAsync"/>, for EF's synchronous code paths.</summary>
    public TimeSpan Enter()
    {
        var started = Stopwatch.GetTimestamp();
        Join()?.Task.GetAwaiter().GetResult();
        return Entered(started);
    }

    /// <summary>Takes the turn when it is free (null), or joins the line and returns what completes when the turn comes.</summary>
    private TaskCompletionSource? Join()
    {
        lock (_sync)
        {
            if (!_held)
            {
                _held = true;
                return null;
            }

            var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(turn);
            return turn;
        }
    }

    /// <summary>Hands the turn to the longest-waiting writer (one that gave up waiting is skipped).</summary>
    public void Exit()
    {
        lock (_sync)
        {
            while (_waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _held = false;
        }
    }

    private TimeSpan Entered(long started)
    {
        var wait = Stopwatch.GetElapsedTime(started);
        Interlocked.Increment(ref _writes);
        long max;
        while (wait.Ticks > (max = Interlocked.Read(ref _maxWaitTicks)) && Interlocked.CompareExchange(ref _maxWaitTicks, wait.Ticks, max) != max)
        {
        }

        return wait;
    }

    internal void RecordWait(TimeSpan wait) => _metrics?.RecordLockWait(wait);
}
