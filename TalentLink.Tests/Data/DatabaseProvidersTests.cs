using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentLink.Auth.Infrastructure;
using TalentLink.Data;
using TalentLink.Operations;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Data;

/// <summary>The services and operations take the provider from the same resolver, so one configuration means one provider to both.</summary>
[Trait("Category", "unit")]
public sealed class DatabaseProvidersTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("talentlink-providers-");

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("Sqlite", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("Postgres", DatabaseProvider.Postgres)]
    [InlineData("POSTGRES", DatabaseProvider.Postgres)]
    public void The_service_and_operations_answer_the_same_for_the_same_configuration(string? setting, DatabaseProvider expected)
    {
        var connectionString = expected == DatabaseProvider.Sqlite
            ? $"Data Source={Path.Combine(_data.FullName, SqliteFiles.FileNameFor(ResourceNames.AuthDb))}"
            : "Host=127.0.0.1;Database=authdb;Username=u;Password=p";
        var settings = new Dictionary<string, string?>
        {
            [DatabaseProviders.Setting] = setting,
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = connectionString,
        };
        File.WriteAllText(Path.Combine(_data.FullName, SqliteFiles.FileNameFor(ResourceNames.AuthDb)), "");

        var service = ServiceProvider(settings);
        var operations = DataSources.From(Configuration(settings), new OperationsOptions { DataDirectory = _data.FullName });
        var operationsProvider = operations.PostgresDatabases.ContainsKey(ResourceNames.AuthDb) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

        Assert.Equal(expected, DatabaseProviders.Resolve(Configuration(settings)));
        Assert.Equal(expected, service);
        Assert.Equal(expected, operationsProvider);
    }

    [Fact]
    public void An_unknown_provider_is_refused_by_both_naming_the_setting()
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseProviders.Setting] = "Mongo",
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = "Host=127.0.0.1;Database=authdb",
        };

        var service = Assert.Throws<InvalidOperationException>(() => ServiceProvider(settings));
        var operations = Assert.Throws<InvalidOperationException>(() => DataSources.From(Configuration(settings), new OperationsOptions { DataDirectory = _data.FullName }));

        Assert.Equal("Database:Provider is 'Mongo'; use Sqlite or Postgres.", service.Message);
        Assert.Equal(service.Message, operations.Message);
    }

    private static DatabaseProvider ServiceProvider(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDatabase<AuthContext, SqliteAuthContext, PostgresAuthContext>(ResourceNames.AuthDb);
        return builder.Services.Select(d => d.ImplementationInstance).OfType<ServiceDatabase>().Single().Provider;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    public void Dispose() => _data.Delete(recursive: true);
}
