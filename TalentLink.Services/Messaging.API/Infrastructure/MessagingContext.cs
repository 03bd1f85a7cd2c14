using TalentLink.Data;

namespace TalentLink.Messaging.Infrastructure;

/// <summary>The embedded message store's tables (messaging.db on SQLite, or a PostgreSQL database).</summary>
[ServiceDatabase(ResourceNames.MessagingDb)]
public abstract class MessagingContext(DbContextOptions options) : ServiceDbContext(options)
{
    public DbSet<Conversation> Conversations => Set<Conversation>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MessagingContext).Assembly);
}

/// <summary>The SQLite flavour; owns Migrations/Sqlite.</summary>
public sealed class SqliteMessagingContext(DbContextOptions<SqliteMessagingContext> options) : MessagingContext(options);

/// <summary>The PostgreSQL flavour; owns Migrations/Postgres.</summary>
public sealed class PostgresMessagingContext(DbContextOptions<PostgresMessagingContext> options) : MessagingContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Sort keys compare byte by byte (SQLite's BINARY default does); the database's collation may be linguistic.
        modelBuilder.Entity<Message>().Property(m => m.SortKey).UseCollation("C");
        modelBuilder.Entity<Participant>().Property(p => p.LastReadKey).UseCollation("C");
    }
}

public sealed class SqliteMessagingContextFactory : SqliteDesignTimeFactory<SqliteMessagingContext>;

public sealed class PostgresMessagingContextFactory : PostgresDesignTimeFactory<PostgresMessagingContext>;
