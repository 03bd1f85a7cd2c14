using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Auth.Infrastructure.EntityConfigurations;

internal sealed class TokenRevocationRecordEntityTypeConfiguration : IEntityTypeConfiguration<TokenRevocationRecord>
{
    public void Configure(EntityTypeBuilder<TokenRevocationRecord> builder)
    {
        builder.ToTable("token_revocations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SubjectHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.RevokedAt);
    }
}
