namespace TalentLink.Data.Replication;

/// <summary>
/// Shipping ticks on the wall clock's interval boundaries (…:01.000, …:02.000 at 1 s): the same
/// instants in every service and for the uploads. Each tick records what it finds at its boundary,
/// so a commit is recorded at the end of the interval it committed in, in every store alike: a
/// platform restore to an instant keeps a row and the rows it refers to together, and <c>latest</c>
/// (the last boundary every store has shipped) holds every commit made before it.
/// </summary>
public static class ShippingClock
{
    public static DateTimeOffset NextBoundary(DateTimeOffset now, TimeSpan interval) =>
        new((now.UtcTicks / interval.Ticks + 1) * interval.Ticks, TimeSpan.Zero);

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
