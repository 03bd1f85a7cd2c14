using Microsoft.Extensions.Configuration;
using TalentLink.Data;
using TalentLink.Operations;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

[Trait("Category", "unit")]
public sealed class DataSourcesTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("talentlink-sources-");

    [Fact]
    public void Backup_covers_every_database_file_and_every_connection_string_by_kind()
    {
        File.WriteAllText(Path.Combine(_data.FullName, "messaging.db"), "");
        File.WriteAllText(Path.Combine(_data.FullName, "profile.db"), "");
        File.WriteAllText(Path.Combine(_data.FullName, "profile.db-wal"), "");

        var sources = From(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.ProfileDb}"] = $"Data Source={Path.Combine(_data.FullName, "profile.db")}",
            [$"ConnectionStrings:{ResourceNames.MongoDb}"] = "mongodb://localhost:27017/messaging",
        });

        Assert.Equal(["messaging.db", "profile.db"], sources.SqliteFiles.Select(Path.GetFileName));
        Assert.Empty(sources.PostgresDatabases);
        Assert.Equal("mongodb://localhost:27017/messaging", sources.MongoConnectionString);
        Assert.Equal(Path.Combine(_data.FullName, "uploads"), sources.UploadsDirectory);
    }

    [Fact]
    public void On_postgres_every_service_connection_string_is_a_postgres_database()
    {
        var sources = From(new Dictionary<string, string?>
        {
            [DatabaseProviders.Setting] = "Postgres",
            [$"ConnectionStrings:{ResourceNames.OffersDb}"] = "Host=db;Database=offersdb;Username=u;Password=p",
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = "Host=db;Database=authdb;Username=u;Password=p",
            [$"ConnectionStrings:{ResourceNames.Postgres}"] = "Host=db;Username=u;Password=p",
        });

        Assert.Equal([ResourceNames.AuthDb, ResourceNames.OffersDb], sources.PostgresDatabases.Keys);
        Assert.Empty(sources.SqliteFiles);
    }

    [Fact]
    public void A_postgres_connection_string_without_the_postgres_provider_is_refused_naming_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => From(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.OffersDb}"] = "Host=db;Database=offersdb;Username=u;Password=p",
        }));

        Assert.Contains($"ConnectionStrings:{ResourceNames.OffersDb}", refused.Message);
        Assert.Contains("Database:Provider=Postgres", refused.Message);
    }

    private DataSources From(Dictionary<string, string?> settings) =>
        DataSources.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new OperationsOptions { DataDirectory = _data.FullName });

    public void Dispose() => _data.Delete(recursive: true);
}
