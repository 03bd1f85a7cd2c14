using Npgsql;

namespace TalentLink.Operations.Migration;

/// <summary>How services' data is laid out on one PostgreSQL server.</summary>
public enum PostgresLayout
{
    /// <summary>One database per service, named after it (<c>authdb</c>, <c>offersdb</c>, …). The default.</summary>
    DatabasePerService,

    /// <summary>One shared database with a schema per service, for hosts that give only one database.</summary>
    SchemaPerService,
}

/// <summary>Where the migration writes: a server connection string plus the layout on it.</summary>
public sealed record PostgresTarget(string ServerConnectionString, PostgresLayout Layout = PostgresLayout.DatabasePerService, string SharedDatabase = PostgresTarget.DefaultSharedDatabase)
{
    public const string DefaultSharedDatabase = "talentlink";

    /// <summary>
    /// The connection string a service uses for <paramref name="databaseName"/> — the same rule as the
    /// AppHost's provider flip, so the services start on exactly the data migrated here.
    /// </summary>
    public string ConnectionStringFor(string databaseName)
    {
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        if (Layout == PostgresLayout.DatabasePerService)
        {
            builder.Database = databaseName;
        }
        else
        {
            builder.Database = SharedDatabase;
            builder.SearchPath = databaseName;
        }

        return builder.ConnectionString;
    }
}
