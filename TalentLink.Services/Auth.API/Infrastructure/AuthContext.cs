using TalentLink.Data;

namespace TalentLink.Auth.Infrastructure;

/// <summary>Accounts, refresh tokens and signing keys (auth.db).</summary>
[ServiceDatabase(Extensions.Extensions.DatabaseName)]
public abstract class AuthContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteAuthContext(DbContextOptions<SqliteAuthContext> options) : AuthContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresAuthContext(DbContextOptions<PostgresAuthContext> options) : AuthContext(options);

public sealed class SqliteAuthContextFactory : SqliteDesignTimeFactory<SqliteAuthContext>;

public sealed class PostgresAuthContextFactory : PostgresDesignTimeFactory<PostgresAuthContext>;
