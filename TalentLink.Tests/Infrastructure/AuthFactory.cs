using TalentLink.Auth.Model;
using TalentLink.Data;

namespace TalentLink.Tests.Infrastructure;

/// <summary>The Auth service in process, with a bootstrap admin and a generous sign-in rate limit.</summary>
public class AuthFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? extra = null)
    : ServiceFactory<AuthServices>(provider, "authdb", Settings(extra))
{
    public const string AdminEmail = "admin@talentlink.test";
    public const string AdminPassword = "Admin-Password-2026";

    private static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:BootstrapAdmin:Email"] = AdminEmail,
            ["Auth:BootstrapAdmin:Password"] = AdminPassword,
            ["Auth:SignInRateLimit:PermitLimit"] = "10000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }
}

public sealed class SqliteAuthFactory() : AuthFactory(DatabaseProvider.Sqlite);

public sealed class PostgresAuthFactory() : AuthFactory(DatabaseProvider.Postgres);
