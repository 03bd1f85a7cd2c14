using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using MongoDB.Driver;
using TalentLink.Messaging.Extensions;
using TalentLink.Messaging.Model;

namespace TalentLink.Tests.Messaging;

/// <summary>The MongoDB client wiring: store choice, indexes at start-up, health check, traces.</summary>
[OnMongoTestServer]
[Trait("Category", "integration")]
public sealed class MongoWiringTests(MongoStoreFixture fixture) : IClassFixture<MongoStoreFixture>
{
    [Theory]
    [InlineData(null, null, MessageStoreKind.Embedded)]
    [InlineData(null, "mongodb://db:27017/messaging", MessageStoreKind.Mongo)]
    [InlineData("Auto", "mongodb://db:27017/messaging", MessageStoreKind.Mongo)]
    [InlineData("Embedded", "mongodb://db:27017/messaging", MessageStoreKind.Embedded)]
    [InlineData("Mongo", null, MessageStoreKind.Mongo)]
    public void The_store_is_mongo_when_a_connection_string_is_set_unless_a_setting_says_otherwise(string? setting, string? connectionString, MessageStoreKind expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Store"] = setting,
            ["ConnectionStrings:mongodb"] = connectionString,
        }).Build();

        Assert.Equal(expected, MessageStoreExtensions.ResolveStore(configuration));
    }

    [Fact]
    public async Task Start_up_creates_the_message_indexes_including_the_unique_client_message_id()
    {
        var database = fixture.Services.GetRequiredService<IMongoDatabase>();
        var indexes = await (await database.GetCollection<MongoDB.Bson.BsonDocument>("messages").Indexes.ListAsync()).ToListAsync();

        var byName = indexes.ToDictionary(i => i["name"].AsString);
        Assert.Contains("conversation_time", byName.Keys);
        Assert.True(byName["conversation_clientMessageId"].GetValue("unique", false).ToBoolean());
        Assert.True(byName["messageId"].GetValue("unique", false).ToBoolean());
    }

    [RealMongoFact]
    public async Task A_real_mongodb_refuses_a_second_message_with_the_same_client_id_written_around_the_store()
    {
        // The store never needs this (its _ids already decide), but a real server must enforce the index as declared.
        var messages = fixture.Services.GetRequiredService<IMongoDatabase>().GetCollection<MongoDB.Bson.BsonDocument>("messages");
        var conversationId = Guid.NewGuid().ToString();
        MongoDB.Bson.BsonDocument Message() => new()
        {
            ["_id"] = MongoDB.Bson.ObjectId.GenerateNewId(), ["messageId"] = Guid.NewGuid().ToString(),
            ["conversationId"] = conversationId, ["clientMessageId"] = "twice", ["sortKey"] = "k",
        };

        await messages.InsertOneAsync(Message());
        var duplicate = await Assert.ThrowsAsync<MongoWriteException>(() => messages.InsertOneAsync(Message()));
        Assert.Equal(ServerErrorCategory.DuplicateKey, duplicate.WriteError.Category);
    }

    [Fact]
    public async Task The_health_check_pings_mongodb()
    {
        var report = await fixture.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries["mongodb"].Status);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Messaging:Store"] = "Mongo";
        builder.Configuration["ConnectionStrings:mongodb"] = "mongodb://127.0.0.1:9/messaging?serverSelectionTimeoutMS=500&connectTimeoutMS=500";
        builder.AddMessageStore();
        using var unreachable = builder.Build();
        var down = await unreachable.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, down.Entries["mongodb"].Status);
    }

    [Fact]
    public async Task The_drivers_operations_show_up_as_activities()
    {
        var operations = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MongoTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => operations.Add(activity.DisplayName),
        };
        ActivitySource.AddActivityListener(listener);

        await fixture.NewStore().ListConversationsAsync(Guid.NewGuid(), 0, 10, default);

        Assert.Contains(operations, name => name.Contains("conversations", StringComparison.Ordinal));
    }
}
