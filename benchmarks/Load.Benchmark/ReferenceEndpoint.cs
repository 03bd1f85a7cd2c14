using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// The yardstick: a bare ASP.NET Core endpoint in this process (Kestrel, no gateway, no auth, no
/// logging) reading one row by key from a SQLite file of <see cref="Rows"/> rows.
/// </summary>
internal sealed class ReferenceEndpoint : IAsyncDisposable
{
    public const int Rows = 10_000;

    private readonly WebApplication _app;
    private readonly string _directory;

    private ReferenceEndpoint(WebApplication app, string directory)
    {
        _app = app;
        _directory = directory;
    }

    public Uri Address { get; private set; } = null!;

    public static async Task<ReferenceEndpoint> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("talentlink-reference-").FullName;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "reference.db"), Pooling = true }.ToString();
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
                INSERT INTO items SELECT i, 'item ' || i FROM n;
                """;
            await create.ExecuteNonQueryAsync();
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/items/{id:int}", async (int id) =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT name FROM items WHERE id = $id";
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteScalarAsync() is string name ? Results.Ok(new Item(id, name)) : Results.NotFound();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ReferenceEndpoint(app, directory) { Address = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private sealed record Item(int Id, string Name);
}

/// <summary>The reference's only request: one row by a random key.</summary>
internal sealed class ReferenceRead(TimedHttp http) : IScenario
{
    public Task StepAsync(int user, Random random, LatencyRecorder recorder) =>
        http.SendAsync(recorder, "read row", new HttpRequestMessage(HttpMethod.Get, $"/items/{random.Next(1, ReferenceEndpoint.Rows + 1)}"));
}
