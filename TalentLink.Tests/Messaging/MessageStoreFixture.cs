using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TalentLink.Data;
using TalentLink.Messaging.Extensions;
using TalentLink.Messaging.Infrastructure;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// A message store wired exactly as the service wires it (<c>AddMessageStore</c>), in a small host
/// that runs its start-up work (migrations or MongoDB indexes). Each flavour picks the store.
/// </summary>
public abstract class MessageStoreFixture : IAsyncLifetime
{
    private readonly List<AsyncServiceScope> _scopes = [];
    private IHost? _host;

    public IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The store has not started.");

    /// <summary>A store for one unit of work (the embedded store is scoped, like a DbContext); its scope ends with the fixture.</summary>
    public IMessageStore NewStore()
    {
        var scope = Services.CreateAsyncScope();
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope.ServiceProvider.GetRequiredService<IMessageStore>();
    }

    protected abstract Task<Dictionary<string, string?>> PrepareAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(await PrepareAsync());
        builder.AddMessageStore();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }

        await CleanUpAsync();
    }
}

public abstract class EmbeddedStoreFixture(DatabaseProvider provider) : MessageStoreFixture
{
    private TestDatabase? _database;

    protected override async Task<Dictionary<string, string?>> PrepareAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, ResourceNames.MessagingDb);
        return new()
        {
            ["Messaging:Store"] = "Embedded",
            ["Database:Provider"] = provider.ToString(),
            [$"ConnectionStrings:{ResourceNames.MessagingDb}"] = _database.ConnectionString,
        };
    }

    protected override async Task CleanUpAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteStoreFixture() : EmbeddedStoreFixture(DatabaseProvider.Sqlite);

public sealed class PostgresStoreFixture() : EmbeddedStoreFixture(DatabaseProvider.Postgres);

public sealed class MongoStoreFixture : MessageStoreFixture
{
    private readonly MongoTestServer _server = new();

    protected override async Task<Dictionary<string, string?>> PrepareAsync()
    {
        await _server.InitializeAsync();
        return new()
        {
            ["Messaging:Store"] = "Mongo",
            [$"ConnectionStrings:{MessageStoreExtensions.MongoConnectionName}"] = _server.ConnectionString,
        };
    }

    protected override Task CleanUpAsync() => _server.DisposeAsync();
}
