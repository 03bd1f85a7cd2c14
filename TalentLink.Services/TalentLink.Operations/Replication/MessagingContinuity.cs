using MongoDB.Bson;
using MongoDB.Driver;

namespace TalentLink.Operations.Replication;

/// <summary>
/// What protects messaging when it runs on MongoDB. Continuous capture needs change streams, which a
/// MongoDB server offers only as a member of a replica set; a standalone server (and the test
/// server here) has none. This version does not ship change streams yet, so status and health say
/// plainly that messaging on MongoDB has the daily archive only, rather than claim a window it does
/// not have. (On SQLite, messaging's embedded store ships like every other database.)
/// </summary>
public static class MessagingContinuity
{
    public static async Task<string> DescribeAsync(string mongoConnectionString, CancellationToken cancellationToken = default)
    {
        try
        {
            var settings = MongoClientSettings.FromConnectionString(mongoConnectionString);
            settings.ServerSelectionTimeout = TimeSpan.FromSeconds(5);
            using var client = new MongoClient(settings);
            var hello = await client.GetDatabase("admin").RunCommandAsync<BsonDocument>(new BsonDocument("hello", 1), cancellationToken: cancellationToken);
            return hello.Contains("setName")
                ? $"messaging (MongoDB replica set '{hello["setName"]}'): change streams are available, but this version does not ship them: messaging has only the daily archive."
                : "messaging (MongoDB standalone server): no change streams (not a replica set), so no continuous window: messaging has only the daily archive.";
        }
        catch (Exception ex) when (ex is TimeoutException or MongoException)
        {
            return $"messaging (MongoDB): the server cannot be reached ({ex.Message}); messaging has only the daily archive.";
        }
    }
}
