using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using TalentLink.Data;
using TalentLink.Messaging.Model;

namespace TalentLink.Benchmarks.Messaging;

/// <summary>
/// The real Messaging service on Kestrel (real sockets, real WebSockets), on the embedded SQLite
/// store in a temporary folder or on the MongoDB given with <c>--mongodb</c>. It validates tokens
/// signed by <see cref="TokenMinter"/> instead of fetching Auth's keys, so a thousand users cost nothing to create.
/// </summary>
internal sealed class MessagingServer(TokenMinter tokens, string? mongoConnectionString) : WebApplicationFactory<MessagingServices>
{
    static MessagingServer()
    {
        // The service's files (appsettings.json) are copied beside this program; that is its content root.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_TALENTLINK_MESSAGING_API", AppContext.BaseDirectory);
    }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("talentlink-bench-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        if (mongoConnectionString is null)
        {
            builder.UseSetting("Messaging:Store", "Embedded");
            builder.UseSetting($"ConnectionStrings:{ResourceNames.MessagingDb}", $"Data Source={Path.Combine(DataDirectory, SqliteFiles.FileNameFor(ResourceNames.MessagingDb))}");
        }
        else
        {
            builder.UseSetting("Messaging:Store", "Mongo");
            builder.UseSetting("ConnectionStrings:mongodb", mongoConnectionString);
        }

        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:TalentLink.Messaging.Extensions.MessageStoreAnnouncer", "Information");
        // No Auth runs: the revocation feed is an empty one (a failing feed would make the service refuse every token).
        builder.UseSetting("Identity:RevocationKey", "benchmark-revocation-key-0123456789abcdef");
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(tokens.Configuration));
            services.Replace(ServiceDescriptor.Singleton<TalentLink.ServiceDefaults.ITokenRevocationFeed, NoRevocations>());
        });
    }

    private sealed class NoRevocations : TalentLink.ServiceDefaults.ITokenRevocationFeed
    {
        public Task<IReadOnlyList<TalentLink.ServiceDefaults.TokenRevocation>> ReadAfterAsync(long afterId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<TalentLink.ServiceDefaults.TokenRevocation>>([]);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
