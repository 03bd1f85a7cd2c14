using TalentLink.Auth.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>The Auth service in process, with a bootstrap admin and a generous sign-in rate limit.</summary>
public class AuthFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? extra = null)
    : ServiceFactory<AuthServices>(provider, ResourceNames.AuthDb, Settings(extra))
{
    private InProcessAudit? _audit;

    /// <summary>The audit trail of this Auth and of every service that validates its tokens (started on first use).</summary>
    public InProcessAudit Audit => _audit ??= new InProcessAudit(Provider, this);

    public const string AdminEmail = "admin@talentlink.test";
    public const string AdminPassword = "Admin-Password-2026";
    public const string SigningKeySecret = "test-signing-key-secret-0123456789abcdef";

    /// <summary>The revocation feed's key (<c>Identity:RevocationKey</c>), shared by every in-process service.</summary>
    public const string RevocationKey = "test-revocation-key-0123456789abcdef-shared";

    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdmin:Email"] = AdminEmail,
            ["Auth:BootstrapAdmin:Password"] = AdminPassword,
            ["Auth:SignInRateLimit:PermitLimit"] = "10000",
            ["Auth:SigningKeys:ProtectionSecret"] = SigningKeySecret,
            ["PersonalData:ExportsPath"] = Path.Combine(Path.GetTempPath(), "talentlink-exports-" + Guid.NewGuid().ToString("N")),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_audit is not null)
        {
            await _audit.DisposeAsync();
        }
    }
}

public sealed class SqliteAuthFactory() : AuthFactory(DatabaseProvider.Sqlite);

public sealed class PostgresAuthFactory() : AuthFactory(DatabaseProvider.Postgres);

/// <summary>Auth on SQLite with <c>Database:Durability=Full</c>.</summary>
public sealed class FullDurabilitySqliteAuthFactory() : AuthFactory(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Database:Durability"] = "Full" });
