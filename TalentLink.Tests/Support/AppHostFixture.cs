using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.AppHost;

namespace TalentLink.Tests.Support;

/// <summary>
/// The whole AppHost, started once for a collection of end-to-end tests, with no container in the
/// model: SQLite files in a temporary data directory by default, or an existing PostgreSQL server.
/// </summary>
public abstract class AppHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@talentlink.local";
    public const string AdminPassword = "E2e-Admin-Password-2026";

    private DistributedApplication? _app;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("talentlink-e2e-").FullName;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    /// <summary>How long start-up took until every service reported healthy.</summary>
    public TimeSpan TimeToHealthy { get; private set; }

    protected virtual IEnumerable<string> Arguments() => [];

    /// <summary>Starts what the AppHost is pointed at (a server outside the model) before it is built.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>The name a service's PostgreSQL database has in this run.</summary>
    public virtual string PostgresDatabaseName(string database) => database;

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        await BeforeStartAsync();
        string[] args =
        [
            $"--Database:DataDirectory={DataDirectory}",
            $"--Parameters:admin-password={AdminPassword}",
            "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
            "--Messaging:Store=Embedded",
            .. Arguments(),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TalentLink_AppHost>(args);

        // Nothing listens on the test builder's OTLP endpoint; exporting to it only slows shutdown.
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(c => c.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT")));
        }

        // Every test signs in from this one machine: lift the per-client limits the edge and Auth apply.
        LiftRateLimit(builder, ResourceNames.Auth, "Auth__SignInRateLimit__PermitLimit");
        LiftRateLimit(builder, ResourceNames.Gateway, "Gateway__RateLimitPermits");

        // A deletion step that failed (a service stopped by a test) is retried within seconds.
        builder.Resources.Single(r => r.Name == ResourceNames.Auth).Annotations.Add(
            new EnvironmentCallbackAnnotation(c =>
            {
                c.EnvironmentVariables["PersonalData__MaxRetryDelay"] = "00:00:02";
                c.EnvironmentVariables["PersonalData__AttemptTimeout"] = "00:00:05";
            }));

        _app = await builder.BuildAsync();
        await _app.StartAsync();
        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            await _app.ResourceNotifications.WaitForResourceHealthyAsync(service.Name).WaitAsync(TimeSpan.FromMinutes(3));
        }

        TimeToHealthy = stopwatch.Elapsed;
    }

    private static void LiftRateLimit(IDistributedApplicationTestingBuilder builder, string resource, string variable) =>
        builder.Resources.Single(r => r.Name == resource).Annotations.Add(
            new EnvironmentCallbackAnnotation(c => c.EnvironmentVariables[variable] = "100000"));

    public HttpClient CreateClient(string resource) => App.CreateHttpClient(resource);

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

public sealed class SqliteAppHostFixture : AppHostFixture;

public sealed class PostgresAppHostFixture : AppHostFixture
{
    // Fresh databases for every run: a database left by an older build would not match the migrations.
    private readonly string _prefix = $"e2e{Guid.NewGuid():N}"[..11] + "_";

    protected override IEnumerable<string> Arguments() =>
    [
        "--Database:Provider=Postgres",
        $"--ConnectionStrings:postgres={TestDatabase.PostgresServer}",
        $"--Database:PostgresDatabasePrefix={_prefix}",
    ];

    public override string PostgresDatabaseName(string database) => _prefix + database;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(TestDatabase.PostgresServer);
        await connection.OpenAsync();
        foreach (var database in ResourceNames.RelationalDatabases)
        {
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabaseName(database)}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// The AppHost with Messaging on the MongoDB store: the wire-compatible test server (or a real MongoDB
/// from <c>TALENTLINK_TEST_MONGODB</c>) given as <c>ConnectionStrings:mongodb</c>, the rest on SQLite.
/// </summary>
public sealed class MongoAppHostFixture : AppHostFixture
{
    public TalentLink.Tests.Messaging.MongoTestServer Mongo { get; } = new();

    protected override Task BeforeStartAsync() => Mongo.InitializeAsync();

    // Later arguments win: these replace the base fixture's --Messaging:Store=Embedded.
    protected override IEnumerable<string> Arguments() =>
    [
        "--Messaging:Store=Mongo",
        $"--ConnectionStrings:{ResourceNames.MongoDb}={Mongo.ConnectionString}",
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mongo.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class MongoAppHostCollection : ICollectionFixture<MongoAppHostFixture>
{
    public const string Name = "AppHost with messaging on MongoDB";
}

[CollectionDefinition(Name)]
public sealed class SqliteAppHostCollection : ICollectionFixture<SqliteAppHostFixture>
{
    public const string Name = "AppHost on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgresAppHostCollection : ICollectionFixture<PostgresAppHostFixture>
{
    public const string Name = "AppHost on PostgreSQL";
}
