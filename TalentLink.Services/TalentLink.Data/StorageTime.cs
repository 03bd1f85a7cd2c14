using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace TalentLink.Data;

/// <summary>
/// PostgreSQL keeps timestamps to the microsecond, .NET to 100 ns. Every time an entity is saved
/// with is cut to the microsecond before the save (<see cref="ServiceDbContext"/> calls
/// <see cref="TruncateWrittenTimes"/>), on every provider, so what the entity holds after the save
/// equals what a later read returns, whichever clock call made the time, and a database moved from
/// SQLite to PostgreSQL keeps every time as it was. A bulk update (<c>ExecuteUpdate</c>) saves no
/// entity, so the time it sets is taken with <see cref="GetUtcNowForStorage"/> or cut with <see cref="Truncate"/>.
/// </summary>
public static class StorageTime
{
    private static readonly ConditionalWeakTable<IEntityType, IProperty[]> TimeProperties = new();

    /// <summary>Now, already cut to the microsecond (what a save would keep of <see cref="TimeProvider.GetUtcNow"/>).</summary>
    public static DateTimeOffset GetUtcNowForStorage(this TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <summary>Cuts to the microsecond every <see cref="DateTimeOffset"/> an added or modified entity is about to write (keys excepted).</summary>
    public static void TruncateWrittenTimes(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in TimeProperties.GetValue(entry.Metadata, Find))
            {
                var value = entry.Property(property);
                if ((entry.State == EntityState.Added || value.IsModified)
                    && value.CurrentValue is DateTimeOffset time
                    && time.Ticks % TimeSpan.TicksPerMicrosecond != 0)
                {
                    value.CurrentValue = Truncate(time);
                }
            }
        }
    }

    private static IProperty[] Find(IEntityType entityType) =>
        [.. entityType.GetProperties().Where(p => (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset) && !p.IsKey())];
}
