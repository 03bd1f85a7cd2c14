using Microsoft.Extensions.Configuration;
using TalentLink.Operations;
using TalentLink.Operations.Catalog;

namespace TalentLink.Tests.Operations;

public sealed class DataSourcesTests
{
    [Fact]
    public void Backup_covers_every_database_file_and_every_connection_string_by_kind()
    {
        var data = Directory.CreateTempSubdirectory("talentlink-sources-");
        try
        {
            File.WriteAllText(Path.Combine(data.FullName, "messaging.db"), "");
            File.WriteAllText(Path.Combine(data.FullName, "profile.db"), "");
            File.WriteAllText(Path.Combine(data.FullName, "profile.db-wal"), "");
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{ResourceNames.ProfileDb}"] = $"Data Source={Path.Combine(data.FullName, "profile.db")}",
                [$"ConnectionStrings:{ResourceNames.OffersDb}"] = "Host=db;Database=offersdb;Username=u;Password=p",
                ["ConnectionStrings:mongodb"] = "mongodb://localhost:27017/messaging",
                ["ConnectionStrings:postgres"] = "Host=db;Username=u;Password=p",
            }).Build();

            var sources = DataSources.From(configuration, new OperationsOptions { DataDirectory = data.FullName });

            Assert.Equal(["messaging.db", "profile.db"], sources.SqliteFiles.Select(Path.GetFileName));
            Assert.Equal([ResourceNames.OffersDb], sources.PostgresDatabases.Keys);
            Assert.Equal("mongodb://localhost:27017/messaging", sources.MongoConnectionString);
            Assert.Equal(Path.Combine(data.FullName, "uploads"), sources.UploadsDirectory);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
