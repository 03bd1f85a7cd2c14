using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Auth.Infrastructure.EntityConfigurations;

internal sealed class DeletionStepEntityTypeConfiguration : IEntityTypeConfiguration<DeletionStep>
{
    public void Configure(EntityTypeBuilder<DeletionStep> builder)
    {
        builder.ToTable("account_deletion_steps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Service).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => new { s.DeletionId, s.Service }).IsUnique();
        builder.Property(s => s.LastError).HasMaxLength(256);

        // The dispatcher's query: steps not done yet, due first.
        builder.HasIndex(s => s.NextAttemptAt).HasFilter("\"CompletedAt\" IS NULL");
    }
}
