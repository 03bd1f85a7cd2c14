using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Appointments.Infrastructure.EntityConfigurations;

internal sealed class UserTimeZoneEntityTypeConfiguration : IEntityTypeConfiguration<UserTimeZone>
{
    public void Configure(EntityTypeBuilder<UserTimeZone> builder)
    {
        builder.ToTable("user_time_zones");
        builder.HasKey(z => z.UserId);
        builder.Property(z => z.UserId).ValueGeneratedNever();
        builder.Property(z => z.TimeZoneId).HasMaxLength(TimeZones.UserTimeZoneMaxLength).IsRequired();
    }
}
