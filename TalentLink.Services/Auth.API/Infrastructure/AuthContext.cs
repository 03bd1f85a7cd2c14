using TalentLink.Data;

namespace TalentLink.Auth.Infrastructure;

/// <summary>Accounts, refresh tokens, signing keys, token revocations and the account-deletion outbox (auth.db).</summary>
[ServiceDatabase(ResourceNames.AuthDb)]
public abstract class AuthContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    public DbSet<AccountDeletion> AccountDeletions => Set<AccountDeletion>();

    public DbSet<DeletionStep> DeletionSteps => Set<DeletionStep>();

    public DbSet<DataExport> DataExports => Set<DataExport>();

    public DbSet<TokenRevocationRecord> TokenRevocations => Set<TokenRevocationRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteAuthContext(DbContextOptions<SqliteAuthContext> options) : AuthContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresAuthContext(DbContextOptions<PostgresAuthContext> options) : AuthContext(options);

public sealed class SqliteAuthContextFactory : SqliteDesignTimeFactory<SqliteAuthContext>;

public sealed class PostgresAuthContextFactory : PostgresDesignTimeFactory<PostgresAuthContext>;
