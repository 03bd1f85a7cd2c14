using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Appointments.Infrastructure.EntityConfigurations;

internal sealed class AppointmentSlotEntityTypeConfiguration : IEntityTypeConfiguration<AppointmentSlot>
{
    public void Configure(EntityTypeBuilder<AppointmentSlot> builder)
    {
        builder.ToTable("appointment_slots", table =>
            table.HasCheckConstraint("CK_appointment_slots_time_order", "\"EndsAt\" > \"StartsAt\""));
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.AppointmentId);
    }
}
