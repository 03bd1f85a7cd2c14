using System.Globalization;
using Npgsql;

namespace TalentLink.Operations.Replication.Postgres;

/// <summary>
/// The server whose WAL is backed up, from an Npgsql connection string: as a connection string for
/// PostgreSQL's own programs (libpq's <c>key=value</c> form, the password in <c>PGPASSWORD</c>) and
/// for Npgsql (queries about the server's state).
/// </summary>
public sealed class PostgresServerConnection
{
    private readonly NpgsqlConnectionStringBuilder _builder;

    public PostgresServerConnection(string connectionString)
    {
        _builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = null, Pooling = false };
        if (string.IsNullOrEmpty(_builder.Database))
        {
            _builder.Database = "postgres";
        }
    }

    public string Host => _builder.Host ?? "localhost";

    public int Port => _builder.Port;

    public string Username => _builder.Username ?? System.Environment.UserName;

    /// <summary>Host and port, never the password (for status and logs).</summary>
    public string Description => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)} as {Username}";

    /// <summary>Azure Database for PostgreSQL: WAL cannot be streamed out; the provider's own point-in-time restore applies.</summary>
    public bool IsAzureManaged => Host.EndsWith(".postgres.database.azure.com", StringComparison.OrdinalIgnoreCase);

    public NpgsqlConnection Open() => new(_builder.ConnectionString);

    /// <summary>For <c>pg_receivewal -d</c> / <c>pg_basebackup -d</c>.</summary>
    public string LibpqConnectionString(string applicationName)
    {
        var parts = new List<string>
        {
            "host=" + PostgresBinaries.QuoteConnectionValue(Host),
            "port=" + Port.ToString(CultureInfo.InvariantCulture),
            "user=" + PostgresBinaries.QuoteConnectionValue(Username),
            "application_name=" + PostgresBinaries.QuoteConnectionValue(applicationName),
            "connect_timeout=10",
        };
        if (_builder.SslMode is not SslMode.Disable and not SslMode.Prefer)
        {
            parts.Add("sslmode=" + _builder.SslMode.ToString().ToLowerInvariant().Replace("verifyca", "verify-ca").Replace("verifyfull", "verify-full"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The environment PostgreSQL's programs read the password from.</summary>
    public IReadOnlyDictionary<string, string> Environment => _builder.Password is { Length: > 0 } password
        ? new Dictionary<string, string> { ["PGPASSWORD"] = password }
        : new Dictionary<string, string>();
}
