using TalentLink.Platform.Clients;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using TalentLink.Data;
using TalentLink.Messaging.Extensions;
using TalentLink.Messaging.Model;
using TalentLink.Messaging.Services;

namespace TalentLink.Tests.Messaging;

/// <summary>
/// The Messaging service in process on one store, validating real tokens from its own in-process
/// Auth, with <see cref="FakeOffers"/> answering the has-applied contract.
/// </summary>
public class MessagingFactory : ServiceFactory<MessagingServices>
{
    private readonly SqliteAuthFactory _auth = new();

    public MessagingFactory(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
        : base(provider, ResourceNames.MessagingDb, settings)
    {
        Identity = _auth;
    }

    public FakeOffers Offers { get; } = new();

    public AuthFactory Auth => _auth;

    public override async Task InitializeAsync()
    {
        await _auth.InitializeAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<OffersClient>().ConfigurePrimaryHttpMessageHandler(Offers.CreateHandler);

            // The standard resilience handler still retries; no need to wait between attempts in tests.
            services.Configure<HttpStandardResilienceOptions>($"{nameof(OffersClient)}-standard", options => options.Retry.Delay = TimeSpan.Zero);
        });
    }

    /// <summary>An HTTP client for Auth (to create and sign in users).</summary>
    public HttpClient AuthClient() => _auth.CreateClient();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _auth.DisposeAsync();
    }
}

public sealed class SqliteMessagingFactory() : MessagingFactory(DatabaseProvider.Sqlite);

public sealed class PostgresMessagingFactory() : MessagingFactory(DatabaseProvider.Postgres);

/// <summary>The service on the MongoDB store (the test server, or real MongoDB when supplied).</summary>
public sealed class MongoMessagingFactory : MessagingFactory
{
    private readonly MongoTestServer _mongo = new();

    public MongoMessagingFactory()
        : base(DatabaseProvider.Sqlite)
    {
    }

    /// <summary>With extra settings (internal: a class fixture may have one public constructor only).</summary>
    internal MongoMessagingFactory(IReadOnlyDictionary<string, string?> settings)
        : base(DatabaseProvider.Sqlite, settings)
    {
    }

    public override async Task InitializeAsync()
    {
        await _mongo.InitializeAsync();
        await base.InitializeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Messaging:Store", "Mongo");
        builder.UseSetting($"ConnectionStrings:{MessageStoreExtensions.MongoConnectionName}", _mongo.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _mongo.DisposeAsync();
    }
}

/// <summary>The rule flipped: candidates may open conversations.</summary>
public sealed class OpenCandidateMessagingFactory() : MessagingFactory(DatabaseProvider.Sqlite,
    new Dictionary<string, string?> { ["Messaging:CandidatesMayStartConversations"] = "true" });
