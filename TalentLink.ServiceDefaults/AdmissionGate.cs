namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Admits a bounded number of operations at once and a bounded line of waiters (first come, first
/// served); past that, <see cref="TryEnterAsync"/> refuses at once so the caller can shed the work
/// (503 with <c>Retry-After</c>) instead of queuing it into a timeout. Used for the gateway's
/// proxied requests and for Auth's password hashing.
/// <para>
/// How long a waiter may wait tells a hiccup from an overload. The line <em>stands</em> from the
/// moment an arrival finds every turn taken until an arrival finds one free again. While it has stood
/// for less than <see cref="AdmissionWaits.OverloadAfter"/>, a waiter may wait up to
/// <see cref="AdmissionWaits.Burst"/>: a stall of the work behind the gate (a disk flush, a lock, a
/// write held during a move) delays requests instead of failing them. Once it has stood longer, the
/// work behind the gate is slower than what arrives, and a new waiter waits at most
/// <see cref="AdmissionWaits.Overloaded"/>: the line's length then adapts to the throughput, so an
/// admitted operation never waits longer than that, however slow the work has become, and the rest
/// are shed quickly.
/// </para>
/// </summary>
public sealed class AdmissionGate
{
    private readonly SemaphoreSlim _turns;
    private readonly int _capacity;
    private readonly AdmissionWaits _waits;
    private readonly TimeProvider _time;
    private int _inFlight;
    private long _standingSince;

    /// <summary>A gate whose waiters wait at most <paramref name="maxWait"/> (forever when null), hiccup or not.</summary>
    public AdmissionGate(int concurrency, int queueLimit, TimeSpan? maxWait = null)
        : this(concurrency, queueLimit, AdmissionWaits.Fixed(maxWait ?? Timeout.InfiniteTimeSpan))
    {
    }

    public AdmissionGate(int concurrency, int queueLimit, AdmissionWaits waits, TimeProvider? time = null)
    {
        _turns = new SemaphoreSlim(concurrency);
        _capacity = concurrency + queueLimit;
        _waits = waits;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Operations running or waiting right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>
    /// True once the line has stood longer than <see cref="AdmissionWaits.OverloadAfter"/>: new
    /// waiters then get the short <see cref="AdmissionWaits.Overloaded"/> wait.
    /// </summary>
    public bool Overloaded
    {
        get
        {
            var since = Volatile.Read(ref _standingSince);
            return since != 0 && _time.GetElapsedTime(since) >= _waits.OverloadAfter;
        }
    }

    /// <summary>
    /// Waits for a turn, to be disposed when the work is done; null when the line is already full or
    /// no turn came within the wait allowed (see the class summary).
    /// </summary>
    public async ValueTask<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _inFlight) > _capacity)
        {
            Interlocked.Decrement(ref _inFlight);
            return null;
        }

        if (_turns.Wait(0, CancellationToken.None))
        {
            // A free turn: whatever line there was has drained.
            Volatile.Write(ref _standingSince, 0);
            return new Turn(this);
        }

        Interlocked.CompareExchange(ref _standingSince, Math.Max(1, _time.GetTimestamp()), 0);
        var wait = Overloaded ? _waits.Overloaded : _waits.Burst;
        bool entered;
        try
        {
            entered = await _turns.WaitAsync(wait, cancellationToken);
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

/// <summary>
/// How long an <see cref="AdmissionGate"/>'s waiters may wait: <paramref name="Burst"/> while the
/// line has stood for less than <paramref name="OverloadAfter"/> (a hiccup), <paramref name="Overloaded"/>
/// after (a sustained overload). <see cref="Timeout.InfiniteTimeSpan"/> waits without a bound.
/// </summary>
public sealed record AdmissionWaits(TimeSpan Burst, TimeSpan Overloaded, TimeSpan OverloadAfter)
{
    /// <summary>The same wait, hiccup or overload.</summary>
    public static AdmissionWaits Fixed(TimeSpan wait) => new(wait, wait, TimeSpan.MaxValue);
}
