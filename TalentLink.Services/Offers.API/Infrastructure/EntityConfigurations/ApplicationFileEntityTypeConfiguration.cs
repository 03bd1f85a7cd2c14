using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Offers.Infrastructure.EntityConfigurations;

internal sealed class ApplicationFileEntityTypeConfiguration : IEntityTypeConfiguration<ApplicationFile>
{
    public void Configure(EntityTypeBuilder<ApplicationFile> builder)
    {
        builder.ToTable("application_files");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Kind).HasMaxLength(16).IsRequired();
        builder.Property(f => f.StoredName).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.StoredName).IsUnique();
        builder.Property(f => f.OriginalName).HasMaxLength(255).IsRequired();
        builder.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        builder.HasIndex(f => new { f.ApplicationId, f.Kind }).IsUnique();
    }
}
