using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Profiles.Infrastructure.EntityConfigurations;

internal sealed class CompanyEntityTypeConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.ToTable("companies");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(CompanyValidator.NameMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(CompanyValidator.DescriptionMaxLength);
        builder.Property(c => c.Website).HasMaxLength(CompanyValidator.WebsiteMaxLength);
        builder.Property(c => c.Location).HasMaxLength(CompanyValidator.LocationMaxLength);
        builder.Property(c => c.Size).HasMaxLength(16);
        builder.Ignore(c => c.IsHidden);

        // A recruiter belongs to exactly one company; the index settles concurrent creations.
        builder.HasIndex(c => c.RecruiterId).IsUnique();
    }
}
