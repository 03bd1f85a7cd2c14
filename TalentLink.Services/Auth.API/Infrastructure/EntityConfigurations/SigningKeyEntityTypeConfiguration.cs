using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Auth.Infrastructure.EntityConfigurations;

internal sealed class SigningKeyEntityTypeConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("signing_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(64);
        builder.Property(k => k.Nonce).HasMaxLength(12);
        builder.Property(k => k.Tag).HasMaxLength(16);
        builder.Property(k => k.Salt).HasMaxLength(16);
        builder.Property(k => k.ProtectionKeyId).HasMaxLength(32);
    }
}
