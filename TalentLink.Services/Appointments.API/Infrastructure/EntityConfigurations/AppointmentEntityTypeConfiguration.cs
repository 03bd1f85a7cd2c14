using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Appointments.Infrastructure.EntityConfigurations;

internal sealed class AppointmentEntityTypeConfiguration : IEntityTypeConfiguration<Appointment>
{
    public const string OneOpenPerApplicationIndex = "IX_appointments_open_per_application";

    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("appointments", table =>
            table.HasCheckConstraint("CK_appointments_time_order", "\"EndsAt\" > \"StartsAt\""));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Location).HasMaxLength(AppointmentLimits.LocationMaxLength);
        builder.Property(a => a.CancellationReason).HasMaxLength(AppointmentLimits.ReasonMaxLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.IsOpen);

        // One open (proposed or confirmed) appointment per application; reschedule it instead.
        builder.HasIndex(a => a.ApplicationId)
            .HasDatabaseName(OneOpenPerApplicationIndex)
            .IsUnique()
            .HasFilter("\"Status\" IN ('Proposed', 'Confirmed')");
        builder.HasIndex(a => new { a.RecruiterId, a.StartsAt });
        builder.HasIndex(a => new { a.CandidateId, a.StartsAt });

        builder.HasMany(a => a.Slots).WithOne().HasForeignKey(s => s.AppointmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.BusyTimes).WithOne().HasForeignKey(b => b.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
