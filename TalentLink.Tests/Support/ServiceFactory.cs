using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentLink.Data;

namespace TalentLink.Tests.Support;

/// <summary>
/// One service hosted in process on its own throw-away database. Extra settings go in as host
/// settings, so they are visible while the service's Program builds its container.
/// </summary>
public class ServiceFactory<TEntryPoint>(DatabaseProvider provider, string databaseName, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<TEntryPoint>, IAsyncLifetime where TEntryPoint : class
{
    private TestDatabase? _database;

    public DatabaseProvider Provider => provider;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory is not initialised.");

    /// <summary>When set, JWTs are validated with keys fetched from this Auth instance.</summary>
    public WebApplicationFactory<TalentLink.Auth.Model.AuthServices>? Identity { get; init; }

    /// <summary>Run on this database instead of a fresh one (for restart tests); the caller disposes it.</summary>
    public TestDatabase? ExistingDatabase { get; init; }

    public virtual async Task InitializeAsync()
    {
        _database = ExistingDatabase ?? await TestDatabase.CreateAsync(provider, databaseName);
        _ = Server; // start now: migrations run, failures surface here
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting($"ConnectionStrings:{databaseName}", Database.ConnectionString);
        builder.UseSetting(AuditTrailExtensions.RecordingKeySetting, InProcessAudit.RecordingKey);
        builder.UseSetting(IdentitySettings.RevocationKeySetting, AuthFactory.RevocationKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (Identity is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).PostConfigure(options =>
                    options.UseDiscovery(new HttpClient(Identity.Server.CreateHandler()), "http://auth/.well-known/openid-configuration"));
                services.AddOptions<JwtBearerOptions>(ServiceTokens.Scheme).PostConfigure(options =>
                    options.UseDiscovery(new HttpClient(Identity.Server.CreateHandler()), "http://auth/.well-known/openid-configuration"));

                // The token revocation feed (and anything else asked of http://auth) is answered by the in-process Auth.
                services.AddHttpClient(AuthenticationExtensions.DiscoveryClientName)
                    .ConfigurePrimaryHttpMessageHandler(() => Identity.Server.CreateHandler());
            });
        }

        // Services record into the audit trail of the Auth whose tokens they accept (Auth into its own).
        if ((Identity ?? (object)this) is AuthFactory auth && typeof(TEntryPoint) != typeof(TalentLink.Audit.Model.AuditServices))
        {
            // The first recording starts the in-process Audit service: give it time on a busy machine.
            builder.UseSetting("Audit:AttemptTimeout", "00:00:30");
            builder.ConfigureTestServices(services => services.RouteAuditTrailTo(auth.Audit));
        }
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && ExistingDatabase is null)
        {
            await _database.DisposeAsync();
        }
    }
}
