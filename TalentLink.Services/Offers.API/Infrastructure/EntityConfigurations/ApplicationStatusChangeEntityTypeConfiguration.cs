using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Offers.Infrastructure.EntityConfigurations;

internal sealed class ApplicationStatusChangeEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationStatusChange>
{
    public void Configure(EntityTypeBuilder<ApplicationStatusChange> builder)
    {
        builder.ToTable("application_status_changes");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.FromStatus).HasMaxLength(16);
        builder.Property(h => h.ToStatus).HasMaxLength(16).IsRequired();
        builder.HasIndex(h => new { h.ApplicationId, h.ChangedAt });
    }
}
