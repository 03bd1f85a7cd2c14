using TalentLink.Data;

namespace TalentLink.Audit.Infrastructure;

/// <summary>The append-only audit trail (audit.db).</summary>
[ServiceDatabase(ResourceNames.AuditDb)]
public abstract class AuditContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<AuditEntry> Entries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuditContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteAuditContext(DbContextOptions<SqliteAuditContext> options) : AuditContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresAuditContext(DbContextOptions<PostgresAuditContext> options) : AuditContext(options);

public sealed class SqliteAuditContextFactory : SqliteDesignTimeFactory<SqliteAuditContext>;

public sealed class PostgresAuditContextFactory : PostgresDesignTimeFactory<PostgresAuditContext>;
