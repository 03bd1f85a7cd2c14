using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Profiles.Infrastructure.EntityConfigurations;

internal sealed class CandidateSkillEntityTypeConfiguration : IEntityTypeConfiguration<CandidateSkill>
{
    public void Configure(EntityTypeBuilder<CandidateSkill> builder)
    {
        builder.ToTable("candidate_skills");
        builder.HasKey(s => new { s.ProfileUserId, s.Name });
        builder.Property(s => s.Name).HasMaxLength(SkillNames.MaxLength).IsRequired();

        // "Who has skill X": each requested skill is one index seek.
        builder.HasIndex(s => new { s.Name, s.ProfileUserId });
    }
}
