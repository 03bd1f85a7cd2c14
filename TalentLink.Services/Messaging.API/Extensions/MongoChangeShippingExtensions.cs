using MongoDB.Driver;
using TalentLink.Data.Replication;
using TalentLink.Operations.Replication.Mongo;

namespace TalentLink.Messaging.Extensions;

/// <summary>
/// Continuous backup of the MongoDB store: when <c>Replication</c> names a target and a key, the
/// change stream ships to the same encrypted replica as every SQLite database
/// (<see cref="MongoChangeShipper"/>), with its lag in the shared metrics and the <c>replication</c>
/// health check. On a server without change streams the shipper ships nothing, and health says
/// "daily dump only".
/// </summary>
internal static class MongoChangeShippingExtensions
{
    public static void AddMongoChangeShipping(this IHostApplicationBuilder builder, string connectionName)
    {
        var options = builder.AddReplicationCore();
        if (!options.Enabled)
        {
            return;
        }

        var connectionString = builder.Configuration.GetConnectionString(connectionName)!;
        builder.Services.AddSingleton(sp =>
        {
            var database = sp.GetRequiredService<IMongoDatabase>();
            return new MongoChangeShipper(new DriverChangeSource(database), database, connectionString, sp.GetRequiredService<EncryptedReplicaTarget>(), options,
                sp.GetService<TimeProvider>(), sp.GetRequiredService<ILogger<MongoChangeShipper>>());
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MongoChangeShipper>());
        builder.Services.AddSingleton<IReplicationStatusSource>(sp => sp.GetRequiredService<MongoChangeShipper>());
    }
}
