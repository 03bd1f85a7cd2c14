using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TalentLink.AppHost;
using TalentLink.Data;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// The platform under load: the whole AppHost started here (SQLite files in a fresh data directory,
/// or fresh prefixed databases on an existing PostgreSQL server, dropped afterwards), or a gateway
/// somebody else runs. The services' lock-wait totals come from their capacity statistics
/// (<c>&lt;db&gt;.capacity.json</c> in the data directory, refreshed every 30 s, the figures the
/// operations <c>advise</c> command reads).
/// </summary>
internal sealed class TalentLinkPlatform : IAsyncDisposable
{
    private readonly DistributedApplication? _app;
    private readonly string? _ownedDirectory;
    private readonly string? _postgresServer;
    private readonly string? _prefix;

    private TalentLinkPlatform(string name, Uri gateway, string? statsDirectory, DistributedApplication? app = null,
        string? ownedDirectory = null, string? postgresServer = null, string? prefix = null)
    {
        Name = name;
        Gateway = gateway;
        StatsDirectory = statsDirectory;
        _app = app;
        _ownedDirectory = ownedDirectory;
        _postgresServer = postgresServer;
        _prefix = prefix;
    }

    public string Name { get; }

    public Uri Gateway { get; }

    public string? StatsDirectory { get; }

    /// <summary>The prefix of the platform's databases on the PostgreSQL server; null on SQLite.</summary>
    public string? DatabasePrefix => _prefix;

    /// <summary>The platforms the benchmark starts: SQLite at its default durability, PostgreSQL, and SQLite flushing every commit.</summary>
    public const string SqliteFull = "sqlite-full";

    public static TalentLinkPlatform External(Uri gateway, string? statsDirectory) => new("external", gateway, statsDirectory);

    /// <summary>
    /// Starts the AppHost. <paramref name="extraArgs"/> are more AppHost settings (read when the model
    /// is built, as parameters are); <paramref name="environment"/> is given to every service.
    /// </summary>
    public static async Task<TalentLinkPlatform> StartAsync(string provider, string postgresServer,
        IReadOnlyList<string>? extraArgs = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("talentlink-load-").FullName;
        var prefix = provider == "postgres" ? $"load{Guid.NewGuid():N}"[..12] + "_" : null;
        string[] args =
        [
            $"--Database:DataDirectory={dataDirectory}",
            $"--Parameters:admin-password=Load-Admin-Password-{Guid.NewGuid():N}",
            "--DcpPublisher:ContainerRuntimeInitializationTimeout=00:00:00",
            "--Messaging:Store=Embedded",
            .. provider == SqliteFull ? ["--Database:Durability=Full"] : Array.Empty<string>(),
            .. prefix is null ? Array.Empty<string>() :
            [
                "--Database:Provider=Postgres",
                $"--ConnectionStrings:postgres={postgresServer}",
                $"--Database:PostgresDatabasePrefix={prefix}",
            ],
            .. extraArgs ?? [],
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.TalentLink_AppHost>(args);

        // The services' own logs and the start-up health probes would drown the figures; keep warnings
        // (TALENTLINK_BENCH_LOGS=1 shows the services' logs too, to see why a request failed).
        builder.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("TalentLink.AppHost.Resources", Environment.GetEnvironmentVariable("TALENTLINK_BENCH_LOGS") is null ? LogLevel.Warning : LogLevel.Information));
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // As deployed: clients and services reach each service directly, not through the
            // orchestrator's development proxies (one more hop and a connection per connection).
            // Free ports rather than the launch profile's fixed ones, so a running AppHost does not clash.
            foreach (var endpoint in project.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.IsProxied = false;
                endpoint.Port = endpoint.TargetPort = FreePort();
            }

            project.Annotations.Add(new EnvironmentCallbackAnnotation(c =>
            {
                // Run as deployed, with no telemetry exporter listening.
                c.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                c.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = "Production";
                c.EnvironmentVariables["DOTNET_ENVIRONMENT"] = "Production";
                foreach (var (name, value) in environment ?? new Dictionary<string, string>())
                {
                    c.EnvironmentVariables[name] = value;
                }
            }));
        }

        // All simulated users come from this one address: lift the per-client limits of the edge and of sign-in.
        Set(builder, ResourceNames.Auth, "Auth__SignInRateLimit__PermitLimit", "10000000");
        Set(builder, ResourceNames.Gateway, "Gateway__RateLimitPermits", "1000000");

        var app = await builder.BuildAsync();
        await app.StartAsync();
        foreach (var service in builder.Resources.OfType<ProjectResource>())
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service.Name).WaitAsync(TimeSpan.FromMinutes(5));
        }

        var gateway = app.GetEndpoint(ResourceNames.Gateway, "http");
        return new TalentLinkPlatform(provider, gateway, dataDirectory, app, dataDirectory, prefix is null ? null : postgresServer, prefix);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Set(IDistributedApplicationTestingBuilder builder, string resource, string variable, string value) =>
        builder.Resources.Single(r => r.Name == resource).Annotations.Add(
            new EnvironmentCallbackAnnotation(c => c.EnvironmentVariables[variable] = value));

    /// <summary>
    /// The lock-wait totals of every service, once each has written statistics newer than
    /// <paramref name="after"/> (they do every 30 s); null without a statistics folder.
    /// </summary>
    public async Task<LockWaits?> LockWaitsAsync(DateTimeOffset after)
    {
        if (StatsDirectory is null || !Directory.Exists(StatsDirectory))
        {
            return null;
        }

        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(40);
        while (true)
        {
            var stats = Directory.GetFiles(StatsDirectory, "*" + CapacityStats.FileSuffix)
                .Select(CapacityStats.Load).OfType<CapacityStats>().ToList();
            if ((stats.Count > 0 && stats.All(s => s.UpdatedAt >= after)) || DateTimeOffset.UtcNow > deadline)
            {
                return new LockWaits(stats.Sum(s => s.LockWaitSeconds), stats.Sum(s => s.RequestSeconds),
                    $"{stats.Count} services' {CapacityStats.FileSuffix}");
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            foreach (var database in ResourceNames.RelationalDatabases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_prefix}{database}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        if (_ownedDirectory is not null)
        {
            try { Directory.Delete(_ownedDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
