using TalentLink.Data;
using TalentLink.Messaging.Infrastructure.Mongo;

namespace TalentLink.Messaging.Extensions;

/// <summary>
/// Chooses and registers the message store from <c>Messaging:Store</c>: <c>Mongo</c>, <c>Embedded</c>,
/// or <c>Auto</c> (the default: MongoDB when <c>ConnectionStrings:mongodb</c> is set, otherwise the
/// embedded relational store on <c>ConnectionStrings:messagingdb</c>).
/// </summary>
public static class MessageStoreExtensions
{
    public const string MongoConnectionName = ResourceNames.MongoDb;

    /// <summary>Registers the <c>Messaging</c> options and the store they choose; the options are validated now, since the choice is made now.</summary>
    public static MessageStoreKind AddMessageStore(this IHostApplicationBuilder builder)
    {
        var options = builder.Services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart()
            .ValidateNow(builder.Configuration, MessagingOptions.SectionName);
        var kind = ResolveStore(options.Store, builder.Configuration);
        if (kind == MessageStoreKind.Mongo)
        {
            builder.AddMongoClient(MongoConnectionName);
            builder.Services.AddSingleton<MessagingCollections>();
            builder.Services.AddSingleton<IMessageStore, MongoMessageStore>();
            builder.Services.AddHostedService<MongoIndexInitializer>();
            builder.AddMongoChangeShipping(MongoConnectionName);
        }
        else
        {
            builder.AddServiceDatabase<MessagingContext, SqliteMessagingContext, PostgresMessagingContext>(ResourceNames.MessagingDb);
            builder.Services.AddScoped<IMessageStore, EmbeddedMessageStore>();
        }

        builder.Services.AddSingleton(new MessageStoreSelection(kind));
        builder.Services.AddHostedService<MessageStoreAnnouncer>();
        return kind;
    }

    public static MessageStoreKind ResolveStore(IConfiguration configuration) =>
        ResolveStore((configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions()).Store, configuration);

    private static MessageStoreKind ResolveStore(MessageStoreKind store, IConfiguration configuration) => store switch
    {
        MessageStoreKind.Auto => string.IsNullOrWhiteSpace(configuration.GetConnectionString(MongoConnectionName))
            ? MessageStoreKind.Embedded
            : MessageStoreKind.Mongo,
        var explicitChoice => explicitChoice,
    };
}

/// <summary>Which store this instance runs on (after <c>Auto</c> was resolved).</summary>
public sealed record MessageStoreSelection(MessageStoreKind Kind);

/// <summary>Creates the MongoDB indexes before the service accepts requests.</summary>
internal sealed class MongoIndexInitializer(MessagingCollections collections, ILogger<MongoIndexInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await collections.CreateIndexesAsync(cancellationToken);
        logger.LogInformation("MongoDB collections and indexes are ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Says in the log which store this instance uses, so the dashboard's console shows it.</summary>
internal sealed class MessageStoreAnnouncer(MessageStoreSelection selection, IServiceProvider services, ILogger<MessageStoreAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (selection.Kind == MessageStoreKind.Mongo)
        {
            var database = services.GetRequiredService<MongoDB.Driver.IMongoDatabase>();
            logger.LogInformation("Messaging store: MongoDB (database '{Database}')", database.DatabaseNamespace.DatabaseName);
        }
        else
        {
            var database = services.GetRequiredService<ServiceDatabase>();
            logger.LogInformation("Messaging store: embedded ({Provider}, connection '{Name}'); no MongoDB is configured", database.Provider, database.Name);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
