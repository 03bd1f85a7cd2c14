using Microsoft.EntityFrameworkCore;
using TalentLink.Data;

namespace TalentLink.Tests.Operations.Sample;

/// <summary>
/// A test-only service database with the column kinds the migrator must carry over faithfully:
/// integer identity keys, a foreign key, REAL, booleans, enums, nullable timestamps, Guids and blobs.
/// It has real migrations for both providers, like every service.
/// </summary>
[ServiceDatabase("samplesdb")]
public abstract class SampleContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<SampleCompany> Companies => Set<SampleCompany>();

    public DbSet<SampleOffer> Offers => Set<SampleOffer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SampleCompany>(company =>
        {
            company.ToTable("companies");
            company.Property(c => c.Name).HasMaxLength(200).IsRequired();
            company.HasIndex(c => c.Name).IsUnique();
        });
        modelBuilder.Entity<SampleOffer>(offer =>
        {
            offer.ToTable("offers");
            offer.Property(o => o.Title).HasMaxLength(200).IsRequired();
            offer.HasIndex(o => o.PostedAt);
            offer.HasOne<SampleCompany>().WithMany().HasForeignKey(o => o.CompanyId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

public sealed class SqliteSampleContext(DbContextOptions<SqliteSampleContext> options) : SampleContext(options);

public sealed class PostgresSampleContext(DbContextOptions<PostgresSampleContext> options) : SampleContext(options);

public sealed class SqliteSampleContextFactory : SqliteDesignTimeFactory<SqliteSampleContext>;

public sealed class PostgresSampleContextFactory : PostgresDesignTimeFactory<PostgresSampleContext>;

public sealed class SampleCompany
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public double Rating { get; set; }

    public bool Verified { get; set; }

    public DateTimeOffset FoundedAt { get; set; }
}

public enum SampleOfferStatus
{
    Draft,
    Published,
    Closed,
}

public sealed class SampleOffer
{
    public long Id { get; set; }

    public int CompanyId { get; set; }

    public Guid PublicId { get; set; } = Guid.NewGuid();

    public required string Title { get; set; }

    public string? Description { get; set; }

    public SampleOfferStatus Status { get; set; }

    public long? SalaryCents { get; set; }

    public DateTimeOffset PostedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public byte[]? Attachment { get; set; }
}
