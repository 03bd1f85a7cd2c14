using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Profiles.Infrastructure.EntityConfigurations;

internal sealed class CandidateProfileEntityTypeConfiguration : IEntityTypeConfiguration<CandidateProfile>
{
    public void Configure(EntityTypeBuilder<CandidateProfile> builder)
    {
        builder.ToTable("candidate_profiles");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).ValueGeneratedNever();
        builder.Property(p => p.Headline).HasMaxLength(CandidateProfileValidator.HeadlineMaxLength).IsRequired();
        builder.Property(p => p.Summary).HasMaxLength(CandidateProfileValidator.SummaryMaxLength);
        builder.Property(p => p.Location).HasMaxLength(CandidateProfileValidator.LocationMaxLength);
        builder.Property(p => p.LocationNormalized).HasMaxLength(CandidateProfileValidator.LocationMaxLength);
        builder.Property(p => p.Availability).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Visibility).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(p => p.IsHidden);

        // Search filters on visibility and moderation, and pages by most recently updated. Location
        // is matched anywhere in the text, which no portable index serves; skills narrow the rows first.
        builder.HasIndex(p => new { p.Visibility, p.HiddenAt, p.UpdatedAt });

        builder.HasMany(p => p.Skills).WithOne().HasForeignKey(s => s.ProfileUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Experience).WithOne().HasForeignKey(e => e.ProfileUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Education).WithOne().HasForeignKey(e => e.ProfileUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
