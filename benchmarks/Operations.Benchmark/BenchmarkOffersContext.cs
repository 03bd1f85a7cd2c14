using Microsoft.EntityFrameworkCore;
using TalentLink.Data;

namespace TalentLink.Benchmarks.Operations;

/// <summary>
/// An offers/applications database shaped like the Offers service's (companies → offers →
/// applications), with its own SQLite and PostgreSQL migrations, so the migration benchmark runs the
/// real migrator on a realistic schema without depending on another service's code.
/// </summary>
[ServiceDatabase("benchoffersdb")]
public abstract class BenchmarkOffersContext(DbContextOptions options) : ServiceDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<BenchCompany>(company =>
        {
            company.ToTable("companies");
            company.Property(c => c.Name).HasMaxLength(200).IsRequired();
            company.Property(c => c.City).HasMaxLength(100);
            company.Property(c => c.Website).HasMaxLength(300);
        });
        modelBuilder.Entity<BenchOffer>(offer =>
        {
            offer.ToTable("offers");
            offer.Property(o => o.Title).HasMaxLength(200).IsRequired();
            offer.Property(o => o.Description).IsRequired();
            offer.HasIndex(o => o.PublicId).IsUnique();
            offer.HasIndex(o => o.PublishedAt);
            offer.HasOne<BenchCompany>().WithMany().HasForeignKey(o => o.CompanyId);
        });
        modelBuilder.Entity<BenchApplication>(application =>
        {
            application.ToTable("applications");
            application.Property(a => a.CoverLetter).IsRequired();
            application.Property(a => a.CvFile).HasMaxLength(100).IsRequired();
            application.HasIndex(a => new { a.CandidateId, a.OfferId }).IsUnique();
            application.HasOne<BenchOffer>().WithMany().HasForeignKey(a => a.OfferId);
        });
    }
}

public sealed class SqliteBenchmarkOffersContext(DbContextOptions<SqliteBenchmarkOffersContext> options) : BenchmarkOffersContext(options);

public sealed class PostgresBenchmarkOffersContext(DbContextOptions<PostgresBenchmarkOffersContext> options) : BenchmarkOffersContext(options);

public sealed class SqliteBenchmarkOffersContextFactory : SqliteDesignTimeFactory<SqliteBenchmarkOffersContext>;

public sealed class PostgresBenchmarkOffersContextFactory : PostgresDesignTimeFactory<PostgresBenchmarkOffersContext>;

public sealed class BenchCompany
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public string? City { get; set; }

    public string? Website { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class BenchOffer
{
    public int Id { get; set; }

    public int CompanyId { get; set; }

    public Guid PublicId { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    public int? SalaryMin { get; set; }

    public int? SalaryMax { get; set; }

    public bool Remote { get; set; }

    public double Rating { get; set; }

    public int Status { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }
}

public sealed class BenchApplication
{
    public long Id { get; set; }

    public int OfferId { get; set; }

    public Guid CandidateId { get; set; }

    public required string CoverLetter { get; set; }

    public required string CvFile { get; set; }

    public int Status { get; set; }

    public double? Score { get; set; }

    public DateTimeOffset AppliedAt { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }
}
