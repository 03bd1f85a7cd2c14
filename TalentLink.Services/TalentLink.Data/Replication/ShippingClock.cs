namespace TalentLink.Data.Replication;

/// <summary>
/// Shipping ticks on the wall clock's interval boundaries (…:01.000, …:02.000 at 1 s): the same
/// instants in every service and for the uploads. What a read finds is recorded at the first
/// boundary at or after the moment the read ended (<see cref="RecordedAt"/>): never before a commit
/// it holds, however late a busy machine runs the tick, and at the same instant in every store, so
/// <c>latest</c> (the last boundary every store has shipped) takes every store's newest segment.
/// </summary>
public static class ShippingClock
{
    public static DateTimeOffset NextBoundary(DateTimeOffset now, TimeSpan interval) =>
        new((now.UtcTicks / interval.Ticks + 1) * interval.Ticks, TimeSpan.Zero);

    /// <summary>The boundary a read that ended at <paramref name="readEnd"/> is recorded at: itself when it is one, else the next.</summary>
    public static DateTimeOffset RecordedAt(DateTimeOffset readEnd, TimeSpan interval) =>
        readEnd.UtcTicks % interval.Ticks == 0 ? readEnd.ToUniversalTime() : NextBoundary(readEnd, interval);

    /// <summary>Waits for the next boundary and returns it, or null when stopping.</summary>
    public static async Task<DateTimeOffset?> NextTickAsync(TimeProvider time, TimeSpan interval, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        var boundary = NextBoundary(now, interval);
        try
        {
            await Task.Delay(boundary - now, time, stoppingToken);
            return boundary;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
