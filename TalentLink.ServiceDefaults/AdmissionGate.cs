namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Admits a bounded number of operations at once and a bounded line of waiters (first come, first
/// served); past that, <see cref="TryEnterAsync"/> refuses at once so the caller can shed the work
/// (503 with <c>Retry-After</c>) instead of queuing it into a timeout. A waiter that has not had a
/// turn within <paramref name="maxWait"/> (when given) is refused too: the line's length then
/// adapts to the throughput, so an admitted operation never waits longer than that, however slow
/// the work behind the gate has become. Used for the gateway's proxied requests and for Auth's
/// password hashing.
/// </summary>
public sealed class AdmissionGate(int concurrency, int queueLimit, TimeSpan? maxWait = null)
{
    private readonly SemaphoreSlim _turns = new(concurrency);
    private readonly int _capacity = concurrency + queueLimit;
    private readonly TimeSpan _maxWait = maxWait ?? Timeout.InfiniteTimeSpan;
    private int _inFlight;

    /// <summary>Operations running or waiting right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// Waits for a turn, to be disposed when the work is done; null when the line is already full or
    /// no turn came within the longest wait.
    /// </summary>
    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inFlight) > _capacity)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }

        bool entered;
        try
        {
            entered = await _turns.WaitAsync(_maxWait, cancellationToken);
        }
        catch
        {
            Interlocked.Decrement(ref _inFlight);
            throw;
        }

        if (!entered)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }

        return new Turn(this);
    }

    private void Exit()
    {
        _turns.Release();
        Interlocked.Decrement(ref _inFlight);
    }

    private sealed class Turn(AdmissionGate gate) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.Exit();
            }
        }
    }
}
