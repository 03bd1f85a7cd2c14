using System.Diagnostics;
using System.Text.Json;
using TalentLink.AppHost;
using TalentLink.Data;

namespace TalentLink.Tests.AppHost;

/// <summary>
/// The manifest azd deploys, generated for both choices: the cloud default (PostgreSQL container)
/// and the explicit single-host SQLite publish.
/// </summary>
[Trait("Category", "apphost")]
public sealed class PublishManifestTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [Fact]
    public async Task The_cloud_manifest_runs_every_service_on_postgres_behind_one_public_gateway()
    {
        var (text, resources) = await PublishAsync();
        AssertCommonShape(text, resources);

        var postgres = resources.GetProperty(ResourceNames.Postgres);
        Assert.Equal("container.v0", postgres.GetProperty("type").GetString());
        Assert.Contains(postgres.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("target").GetString() == "/var/lib/postgresql");

        foreach (var database in PublishedRelationalDatabases)
        {
            Assert.Contains("{postgres.connectionString}", resources.GetProperty(database).GetProperty("connectionString").GetString());
        }

        var relational = DatabaseOwners(resources).ToList();
        Assert.Equal(PublishedRelationalDatabases.Count(), relational.Count);
        Assert.All(relational, service =>
            Assert.Equal("Postgres", service.Value.GetProperty("env").GetProperty("Database__Provider").GetString()));
    }

    [Fact]
    public async Task The_single_host_manifest_keeps_the_sqlite_files_on_the_hosts_data_volume()
    {
        var (text, resources) = await PublishAsync("--Deployment:Database=Sqlite");
        AssertCommonShape(text, resources);
        Assert.False(resources.TryGetProperty(ResourceNames.Postgres, out _));

        foreach (var database in PublishedRelationalDatabases)
        {
            var connection = resources.GetProperty(database).GetProperty("connectionString").GetString();
            Assert.Equal($"Data Source=/var/lib/talentlink/{SqliteFiles.FileNameFor(database)}", connection);

            var owner = Assert.Single(DatabaseOwners(resources), s =>
                s.Value.GetProperty("env").TryGetProperty($"ConnectionStrings__{database}", out _));
            Assert.Equal("Sqlite", owner.Value.GetProperty("env").GetProperty("Database__Provider").GetString());
            Assert.True(MountsDataVolume(owner.Value), $"{owner.Name} does not mount the data volume");
        }

        // The operations worker reads every file for its backups.
        Assert.True(MountsDataVolume(resources.GetProperty(ResourceNames.Operations)));
    }

    private static void AssertCommonShape(string text, JsonElement resources)
    {
        // Nothing of the publishing machine: no absolute path, no temp folder.
        Assert.DoesNotContain(RepositoryRoot, text);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), text);

        var services = Services(resources).ToList();
        Assert.Contains(services, s => s.Name == ResourceNames.Gateway);
        Assert.Contains(services, s => s.Name == ResourceNames.Auth);
        foreach (var (name, service) in services)
        {
            Assert.Equal("container.v1", service.GetProperty("type").GetString());
            var project = service.GetProperty("build").GetProperty("args").GetProperty("PROJECT").GetString()!;
            Assert.False(Path.IsPathRooted(project));
            Assert.True(File.Exists(Path.Combine(RepositoryRoot, project)), $"{name} builds {project}, which does not exist");

            var external = service.GetProperty("bindings").EnumerateObject()
                .Any(b => b.Value.TryGetProperty("external", out var e) && e.GetBoolean());
            Assert.True(external == (name == ResourceNames.Gateway), $"{name}: only the gateway may be public");

            // Every service that accepts user tokens reads the revocation feed with the shared secret parameter.
            if (name != ResourceNames.Gateway)
            {
                Assert.True(service.GetProperty("env").TryGetProperty("Identity__RevocationKey", out var key), $"{name} lacks Identity__RevocationKey");
                Assert.Equal($"{{{ResourceNames.RevocationKey}.value}}", key.GetString());
            }
        }

        foreach (var database in PublishedRelationalDatabases)
        {
            Assert.True(resources.TryGetProperty(database, out _), $"{database} is missing from the manifest");
        }

        // A published Messaging keeps conversations in a MongoDB container with a data volume.
        var mongo = resources.GetProperty(ResourceNames.MongoDb);
        Assert.Equal("container.v0", mongo.GetProperty("type").GetString());
        Assert.Contains(mongo.GetProperty("volumes").EnumerateArray(), v => v.GetProperty("target").GetString() == "/data/db");
        Assert.True(resources.GetProperty(ResourceNames.Messaging).GetProperty("env").TryGetProperty("ConnectionStrings__mongodb", out _));
        Assert.False(resources.TryGetProperty(ResourceNames.MessagingDb, out _));

        // Uploaded files (and Auth's export archives) live on their own volume, for Offers, Auth and the backups.
        foreach (var service in new[] { ResourceNames.Offers, ResourceNames.Auth, ResourceNames.Operations })
        {
            Assert.Contains(resources.GetProperty(service).GetProperty("volumes").EnumerateArray(), v =>
                v.GetProperty("name").GetString() == RelationalDatabases.UploadsVolumeName
                && v.GetProperty("target").GetString() == RelationalDatabases.ContainerUploadsDirectory);
        }

        // The gateway reaches every service that sits behind it through service discovery.
        var gatewayEnv = resources.GetProperty(ResourceNames.Gateway).GetProperty("env");
        Assert.True(gatewayEnv.TryGetProperty("services__auth__http__0", out _));
        Assert.True(gatewayEnv.TryGetProperty("services__audit__http__0", out _));
    }

    /// <summary>Messaging's embedded store is for local runs only; a publish gets MongoDB.</summary>
    private static IEnumerable<string> PublishedRelationalDatabases =>
        ResourceNames.RelationalDatabases.Where(d => d != ResourceNames.MessagingDb);

    /// <summary>The services that own a relational database (the operations worker only reads them).</summary>
    private static IEnumerable<(string Name, JsonElement Value)> DatabaseOwners(JsonElement resources) =>
        Services(resources).Where(s => s.Name != ResourceNames.Operations
            && s.Value.GetProperty("env").TryGetProperty("Database__Provider", out _));

    private static bool MountsDataVolume(JsonElement service) =>
        service.TryGetProperty("volumes", out var volumes) && volumes.EnumerateArray().Any(v =>
            v.GetProperty("name").GetString() == RelationalDatabases.DataVolumeName
            && v.GetProperty("target").GetString() == RelationalDatabases.ContainerDataDirectory
            && !v.GetProperty("readOnly").GetBoolean());

    private static IEnumerable<(string Name, JsonElement Value)> Services(JsonElement resources) =>
        resources.EnumerateObject()
            .Where(r => r.Value.TryGetProperty("build", out var build) && build.TryGetProperty("args", out _))
            .Select(r => (r.Name, r.Value));

    private static async Task<(string Text, JsonElement Resources)> PublishAsync(params string[] extra)
    {
        // Written inside the repository, as azd does, so relative paths stay inside it.
        var output = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", $"manifest-{Guid.NewGuid():N}")).FullName;
        try
        {
            var manifest = Path.Combine(output, "aspire-manifest.json");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])["run", "--no-build", "--project", "TalentLink.AppHost", "--",
                         "--publisher", "manifest", "--output-path", manifest, .. extra])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(process.ExitCode == 0, $"Publishing failed: {await stdout}{await stderr}");

            var text = await File.ReadAllTextAsync(manifest);
            return (text, JsonDocument.Parse(text).RootElement.GetProperty("resources").Clone());
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentLink.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TalentLink.sln not found above the test assembly.");
    }
}
