namespace TalentLink.Data;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond, .NET to 100 ns. A time taken for storage is cut to
/// the microsecond, so what a write returns equals what a later read returns on every provider.
/// </summary>
public static class StorageTime
{
    public static DateTimeOffset GetUtcNowForStorage(this TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));
}
