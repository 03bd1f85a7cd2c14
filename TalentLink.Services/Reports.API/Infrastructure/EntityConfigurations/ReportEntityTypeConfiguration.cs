using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Reports.Infrastructure.EntityConfigurations;

internal sealed class ReportEntityTypeConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.TargetType).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Description).HasMaxLength(ReportLimits.DescriptionMaxLength).IsRequired();
        builder.Property(r => r.ResolutionNote).HasMaxLength(ReportLimits.NoteMaxLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Ignore(r => r.IsActive);

        // One open report per reporter and target, enforced by the database (concurrent submits included).
        builder.HasIndex(r => new { r.ReporterId, r.TargetType, r.TargetId })
            .HasDatabaseName("IX_reports_one_open_per_reporter_and_target")
            .IsUnique()
            .HasFilter("\"Status\" IN ('Open', 'InReview')");
        builder.HasIndex(r => new { r.TargetType, r.TargetId, r.Status });
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.HasIndex(r => new { r.ReporterId, r.CreatedAt });
    }
}
