using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Auth.Infrastructure.EntityConfigurations;

internal sealed class DataExportEntityTypeConfiguration : IEntityTypeConfiguration<DataExport>
{
    public void Configure(EntityTypeBuilder<DataExport> builder)
    {
        builder.ToTable("data_exports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Status).HasMaxLength(16).IsRequired();
        builder.Property(e => e.Error).HasMaxLength(256);
        builder.Property(e => e.ArchiveName).HasMaxLength(64);
        builder.HasIndex(e => new { e.Status, e.RequestedAt });
        builder.HasIndex(e => e.UserId);

        // An export goes with its account.
        builder.HasOne<User>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
