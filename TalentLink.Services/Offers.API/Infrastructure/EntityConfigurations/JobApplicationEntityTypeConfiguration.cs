using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Offers.Infrastructure.EntityConfigurations;

internal sealed class JobApplicationEntityTypeConfiguration : IEntityTypeConfiguration<JobApplication>
{
    public const int CoverLetterMaxLength = 10_000;

    public void Configure(EntityTypeBuilder<JobApplication> builder)
    {
        builder.ToTable("applications");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasMaxLength(16).IsRequired();
        builder.Property(a => a.CoverLetterText).HasMaxLength(CoverLetterMaxLength);

        // One application per candidate and offer, even when two requests race.
        builder.HasIndex(a => new { a.OfferId, a.CandidateId }).IsUnique();
        builder.HasIndex(a => new { a.CandidateId, a.SubmittedAt });

        builder.HasMany(a => a.Files).WithOne().HasForeignKey(f => f.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(h => h.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
