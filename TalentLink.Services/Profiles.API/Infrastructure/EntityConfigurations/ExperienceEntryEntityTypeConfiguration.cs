using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Profiles.Infrastructure.EntityConfigurations;

internal sealed class ExperienceEntryEntityTypeConfiguration : IEntityTypeConfiguration<ExperienceEntry>
{
    public void Configure(EntityTypeBuilder<ExperienceEntry> builder)
    {
        builder.ToTable("experience_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Title).HasMaxLength(CandidateProfileValidator.EntryTextMaxLength).IsRequired();
        builder.Property(e => e.Company).HasMaxLength(CandidateProfileValidator.EntryTextMaxLength).IsRequired();
        builder.Property(e => e.Description).HasMaxLength(CandidateProfileValidator.EntryDescriptionMaxLength);
        builder.HasIndex(e => new { e.ProfileUserId, e.Position });
    }
}
