using TalentLink.Data;
namespace TalentLink.Reports.Infrastructure;

/// <summary>Abuse reports and moderation decisions (report.db).</summary>
[ServiceDatabase(ResourceNames.ReportDb)]
public abstract class ReportContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Report> Reports => Set<Report>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReportContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteReportContext(DbContextOptions<SqliteReportContext> options) : ReportContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresReportContext(DbContextOptions<PostgresReportContext> options) : ReportContext(options);

public sealed class SqliteReportContextFactory : SqliteDesignTimeFactory<SqliteReportContext>;

public sealed class PostgresReportContextFactory : PostgresDesignTimeFactory<PostgresReportContext>;
