using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TalentLink.Offers.Infrastructure.EntityConfigurations;

internal sealed class OfferEntityTypeConfiguration : IEntityTypeConfiguration<Offer>
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 20_000;
    public const int LocationMaxLength = 200;

    /// <summary>The offers search can return, as the search query states it (same SQL on both providers).</summary>
    public const string SearchableFilter = "\"Status\" = 'published' AND \"HiddenAt\" IS NULL";

    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers", table => table.HasCheckConstraint("CK_offers_salary_range", "\"SalaryMin\" <= \"SalaryMax\""));
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Title).HasMaxLength(TitleMaxLength).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(DescriptionMaxLength).IsRequired();
        builder.Property(o => o.Location).HasMaxLength(LocationMaxLength).IsRequired();
        builder.Property(o => o.LocationNormalized).HasMaxLength(LocationMaxLength).IsRequired();
        builder.Property(o => o.Remote).HasMaxLength(16).IsRequired();
        builder.Property(o => o.ContractType).HasMaxLength(32).IsRequired();
        builder.Property(o => o.Currency).HasMaxLength(3).IsRequired();
        builder.Property(o => o.Status).HasMaxLength(16).IsRequired();
        builder.Property(o => o.CompanyName).HasMaxLength(200);
        builder.Ignore(o => o.IsHidden);

        // Search walks the visible published offers in sort order straight from these partial indexes
        // (PostgreSQL cannot order by columns that follow an IS NULL key, so the visibility test is
        // the index filter, not a key); the trailing Id makes paging stable. Each index also carries
        // every filtered column, so filtering and counting read the narrow index, never the wide rows.
        builder.HasIndex(o => new
        {
            o.PublishedAt, o.Id,
            o.SalaryMin, o.SalaryMax, o.Currency, o.Remote, o.ContractType, o.LocationNormalized,
        }, "IX_offers_search_newest").HasFilter(SearchableFilter);
        builder.HasIndex(o => new
        {
            o.SalaryMax, o.PublishedAt, o.Id,
            o.SalaryMin, o.Currency, o.Remote, o.ContractType, o.LocationNormalized,
        }, "IX_offers_search_salary").HasFilter(SearchableFilter);

        builder.HasIndex(o => new { o.RecruiterId, o.CreatedAt });

        builder.HasMany(o => o.Skills).WithOne().HasForeignKey(s => s.OfferId).OnDelete(DeleteBehavior.Cascade);

        // An offer with applications is never deleted (the API refuses); the database agrees.
        builder.HasMany(o => o.Applications).WithOne(a => a.Offer).HasForeignKey(a => a.OfferId).OnDelete(DeleteBehavior.Restrict);
    }
}
