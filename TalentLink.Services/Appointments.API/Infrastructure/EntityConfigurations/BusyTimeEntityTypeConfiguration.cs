using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Appointments.Infrastructure.EntityConfigurations;

/// <summary>
/// The no-overlap rule itself is not expressible in the EF model: each provider's Initial migration
/// adds it by SQL (<see cref="BusyTime.NoOverlapConstraint"/>).
/// </summary>
internal sealed class BusyTimeEntityTypeConfiguration : IEntityTypeConfiguration<BusyTime>
{
    public void Configure(EntityTypeBuilder<BusyTime> builder)
    {
        builder.ToTable("busy_times", table =>
            table.HasCheckConstraint("CK_busy_times_time_order", "\"EndsAt\" > \"StartsAt\""));
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => new { b.AppointmentId, b.ParticipantId }).IsUnique();
        builder.HasIndex(b => new { b.ParticipantId, b.StartsAt });
    }
}
