using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Offers.Infrastructure.EntityConfigurations;

internal sealed class OfferSkillEntityTypeConfiguration : IEntityTypeConfiguration<OfferSkill>
{
    public const int NameMaxLength = 50;

    public void Configure(EntityTypeBuilder<OfferSkill> builder)
    {
        builder.ToTable("offer_skills");
        builder.HasKey(s => new { s.OfferId, s.Name });
        builder.Property(s => s.Name).HasMaxLength(NameMaxLength).IsRequired();
        builder.HasIndex(s => s.Name);
    }
}
