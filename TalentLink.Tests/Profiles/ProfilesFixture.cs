using TalentLink.Platform.Clients;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Profiles.Model;
using TalentLink.Profiles.Services;

namespace TalentLink.Tests.Profiles;

/// <summary>
/// Profiles and Auth in process on one provider, shared by the Profiles tests of that provider.
/// Offers is the <see cref="OffersStub"/>, reached through Profiles' real client (token forwarding,
/// service discovery and the standard resilience handler included).
/// </summary>
public abstract class ProfilesFixture(DatabaseProvider provider)
    : AuthenticatedServiceFixture<ProfilesServices>(provider, ResourceNames.ProfileDb, new Dictionary<string, string?> { ["Offers:Timeout"] = "00:00:01" })
{
    public OffersStub Offers { get; } = new();

    protected override ServiceFactory<ProfilesServices> CreateService(DatabaseProvider provider, string databaseName, IReadOnlyDictionary<string, string?>? settings) =>
        new ProfilesFactory(provider, databaseName, settings, Offers) { Identity = Auth };

    private sealed class ProfilesFactory(DatabaseProvider provider, string databaseName, IReadOnlyDictionary<string, string?>? settings, OffersStub offers)
        : ServiceFactory<ProfilesServices>(provider, databaseName, settings)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.AddHttpClient<OffersClient>().ConfigurePrimaryHttpMessageHandler(() => offers));
        }
    }
}

public sealed class SqliteProfilesFixture() : ProfilesFixture(DatabaseProvider.Sqlite);

public sealed class PostgresProfilesFixture() : ProfilesFixture(DatabaseProvider.Postgres);

[CollectionDefinition(Name)]
public sealed class SqliteProfilesCollection : ICollectionFixture<SqliteProfilesFixture>
{
    public const string Name = "Profiles on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresProfilesCollection : ICollectionFixture<PostgresProfilesFixture>
{
    public const string Name = "Profiles on PostgreSQL";
}
