using NpgsqlTypes;
using TalentLink.Data;

namespace TalentLink.Offers.Infrastructure;

/// <summary>Offers, their skills, applications, application files and status history (offers.db).</summary>
[ServiceDatabase(ResourceNames.OffersDb)]
public abstract class OffersContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<OfferSkill> OfferSkills => Set<OfferSkill>();

    public DbSet<JobApplication> Applications => Set<JobApplication>();

    public DbSet<ApplicationFile> ApplicationFiles => Set<ApplicationFile>();

    public DbSet<ApplicationStatusChange> ApplicationStatusChanges => Set<ApplicationStatusChange>();

    /// <summary>
    /// Offers whose title or description contains every term (each as a word prefix), using the
    /// provider's full-text index. Terms are already split into letters and digits and lower-cased.
    /// </summary>
    public abstract IQueryable<Offer> OffersMatching(IReadOnlyList<string> terms);

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OffersContext).Assembly);
}

/// <summary>
/// The SQLite flavour; owns Migrations/Sqlite. Full-text search uses the FTS5 table <c>offers_fts</c>,
/// kept in step with <c>offers</c> by triggers (migration <c>OfferFullTextSearch</c>). FTS rows are
/// keyed through <c>offer_search_keys</c>, whose INTEGER PRIMARY KEY survives VACUUM (a plain
/// table's implicit rowid may not).
/// </summary>
public sealed class SqliteOffersContext(DbContextOptions<SqliteOffersContext> options) : OffersContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // SQLite keeps each offer's description inline, so filtering the offers that full text (or a
        // skill) matched, looked up by id, would read one wide row each. This narrow covering index,
        // led by the id, holds every column a search filters, sorts or counts on: matches are checked
        // and ordered from it alone, and only the rows of the page returned are read. (PostgreSQL
        // filters full-text matches from the GIN bitmap scan's heap pages.)
        modelBuilder.Entity<Offer>().HasIndex(o => new
        {
            o.Id, o.Status, o.HiddenAt, o.PublishedAt, o.SalaryMax, o.SalaryMin, o.Currency, o.Remote, o.ContractType, o.LocationNormalized,
        }, "IX_offers_search_by_id");
    }

    public override IQueryable<Offer> OffersMatching(IReadOnlyList<string> terms)
    {
        // "term"* AND "term"*: every term as a prefix; terms hold only letters and digits.
        var match = string.Join(" AND ", terms.Select(t => $"\"{t}\"*"));
        return Offers.FromSql($"""
            SELECT * FROM offers WHERE "Id" IN (
                SELECT k."OfferId" FROM offers_fts JOIN offer_search_keys AS k ON k."Key" = offers_fts.rowid
                WHERE offers_fts MATCH {match})
            """);
    }
}

/// <summary>
/// The PostgreSQL flavour; owns Migrations/Postgres. Full-text search uses a stored generated
/// <c>tsvector</c> column (simple configuration: no stemming, as on SQLite) with a GIN index.
/// </summary>
public sealed class PostgresOffersContext(DbContextOptions<PostgresOffersContext> options) : OffersContext(options)
{
    public const string SearchVector = "SearchVector";

    public override IQueryable<Offer> OffersMatching(IReadOnlyList<string> terms)
    {
        var query = string.Join(" & ", terms.Select(t => t + ":*"));
        return Offers.Where(o => EF.Property<NpgsqlTsVector>(o, SearchVector).Matches(EF.Functions.ToTsQuery("simple", query)));
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Offer>(offer =>
        {
            offer.Property<NpgsqlTsVector>(SearchVector)
                .HasComputedColumnSql("""to_tsvector('simple'::regconfig, coalesce("Title", '') || ' ' || coalesce("Description", ''))""", stored: true);
            offer.HasIndex(SearchVector).HasMethod("GIN");
        });
    }
}

public sealed class SqliteOffersContextFactory : SqliteDesignTimeFactory<SqliteOffersContext>;

public sealed class PostgresOffersContextFactory : PostgresDesignTimeFactory<PostgresOffersContext>;
