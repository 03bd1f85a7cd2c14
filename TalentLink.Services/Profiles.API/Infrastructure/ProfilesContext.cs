using TalentLink.Data;
namespace TalentLink.Profiles.Infrastructure;

/// <summary>Candidate profiles and company pages (profile.db).</summary>
[ServiceDatabase(ResourceNames.ProfileDb)]
public abstract class ProfilesContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<CandidateProfile> CandidateProfiles => Set<CandidateProfile>();

    public DbSet<CandidateSkill> CandidateSkills => Set<CandidateSkill>();

    public DbSet<Company> Companies => Set<Company>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProfilesContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteProfilesContext(DbContextOptions<SqliteProfilesContext> options) : ProfilesContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresProfilesContext(DbContextOptions<PostgresProfilesContext> options) : ProfilesContext(options);

public sealed class SqliteProfilesContextFactory : SqliteDesignTimeFactory<SqliteProfilesContext>;

public sealed class PostgresProfilesContextFactory : PostgresDesignTimeFactory<PostgresProfilesContext>;
