using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TalentLink.Data;

/// <summary>
/// Base of every service's DbContext. Handles the provider differences once: SQLite cannot order or
/// compare <see cref="DateTimeOffset"/>, so there it is stored as fixed-width UTC ISO-8601 text,
/// which sorts and compares correctly; PostgreSQL keeps <c>timestamptz</c>.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
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
