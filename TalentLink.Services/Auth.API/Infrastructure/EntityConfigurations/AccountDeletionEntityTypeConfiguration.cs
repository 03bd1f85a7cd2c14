using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Auth.Infrastructure.EntityConfigurations;

internal sealed class AccountDeletionEntityTypeConfiguration : IEntityTypeConfiguration<AccountDeletion>
{
    public void Configure(EntityTypeBuilder<AccountDeletion> builder)
    {
        builder.ToTable("account_deletions");
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => d.UserId).IsUnique();
        builder.Property(d => d.SubjectHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(d => d.SubjectHash);
        builder.Property(d => d.Reason).HasMaxLength(16).IsRequired();
        builder.HasIndex(d => d.RequestedAt);
        builder.HasMany(d => d.Steps).WithOne().HasForeignKey(s => s.DeletionId).OnDelete(DeleteBehavior.Cascade);
    }
}
