using Microsoft.Extensions.Diagnostics.HealthChecks;
using MongoDB.Bson;
using MongoDB.Driver;
using OpenTelemetry.Trace;

namespace TalentLink.Messaging.Extensions;

/// <summary>
/// The MongoDB client wiring, doing what the Aspire MongoDB client integration does (that package is
/// not available here): a singleton <see cref="IMongoClient"/> from <c>ConnectionStrings:{name}</c>,
/// the <see cref="IMongoDatabase"/> the connection string names, a ping health check, and the
/// driver's own OpenTelemetry activities in the service's traces.
/// </summary>
internal static class MongoClientExtensions
{

    public static IHostApplicationBuilder AddMongoClient(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No connection string '{connectionName}' is configured (ConnectionStrings:{connectionName}); the MongoDB store needs one.");
        }

        var url = MongoUrl.Create(connectionString);
        var settings = MongoClientSettings.FromUrl(url);
        settings.ApplicationName ??= builder.Environment.ApplicationName;

        builder.Services.AddSingleton<IMongoClient>(_ => new MongoClient(settings));
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IMongoClient>().GetDatabase(url.DatabaseName ?? ResourceNames.MessagingMongoDatabase));

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            sp => new MongoPingHealthCheck(sp.GetRequiredService<IMongoDatabase>()),
            failureStatus: HealthStatus.Unhealthy,
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(5)));

        // MongoDB.Driver 3.x emits an Activity per operation when a listener asks for its source.
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(MongoTelemetry.ActivitySourceName));
        return builder;
    }

    private sealed class MongoPingHealthCheck(IMongoDatabase database) : IHealthCheck
    {
        private static readonly BsonDocument Ping = new("ping", 1);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await database.RunCommandAsync<BsonDocument>(Ping, cancellationToken: cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is MongoException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "MongoDB did not answer a ping.", ex);
            }
        }
    }
}
