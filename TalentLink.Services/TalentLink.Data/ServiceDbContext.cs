using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TalentLink.Data;

/// <summary>
/// Base of every service's DbContext. Handles the provider differences once: SQLite cannot order or
/// compare <see cref="DateTimeOffset"/>, so there it is stored as fixed-width UTC ISO-8601 text,
/// which sorts and compares correctly; PostgreSQL keeps <c>timestamptz</c>, to the microsecond, so
/// every save cuts the times it writes to the microsecond on both (<see cref="StorageTime"/>).
/// </summary>
public abstract class ServiceDbContext : DbContext
{
    /// <summary>
    /// No savepoint around a <c>SaveChanges</c> inside the caller's transaction: EF would otherwise add
    /// two round trips (<c>SAVEPOINT</c>, <c>RELEASE</c>) to every such save, only so the caller could
    /// catch a failed save and go on in the same transaction, which no service does (a failed save
    /// rolls the whole transaction back).
    /// </summary>
    protected ServiceDbContext(DbContextOptions options)
        : base(options)
    {
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>Saves with every written time cut to the microsecond (see <see cref="StorageTime"/>).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StorageTime.TruncateWrittenTimes(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StorageTime.TruncateWrittenTimes(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcIsoDateTimeOffsetConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcIsoDateTimeOffsetConverter>();
        }
    }
}

/// <summary>DateTimeOffset ⇄ <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> (always UTC, always 28 characters).</summary>
public sealed class UtcIsoDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, string>(
    value => value.UtcDateTime.ToString(Format, System.Globalization.CultureInfo.InvariantCulture),
    text => DateTimeOffset.ParseExact(text, Format, System.Globalization.CultureInfo.InvariantCulture,
        System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal))
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
}
