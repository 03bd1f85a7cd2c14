using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Profiles.Infrastructure.EntityConfigurations;

internal sealed class EducationEntryEntityTypeConfiguration : IEntityTypeConfiguration<EducationEntry>
{
    public void Configure(EntityTypeBuilder<EducationEntry> builder)
    {
        builder.ToTable("education_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.School).HasMaxLength(CandidateProfileValidator.EntryTextMaxLength).IsRequired();
        builder.Property(e => e.Degree).HasMaxLength(CandidateProfileValidator.EntryTextMaxLength);
        builder.HasIndex(e => new { e.ProfileUserId, e.Position });
    }
}
