using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TalentLink.Data;
using Xunit.Abstractions;

namespace TalentLink.Tests.Reliability;

/// <summary>
/// Profiles runs as a real process on a SQLite file and is killed with SIGKILL while candidates save
/// their profiles, twenty times over. After every restart, each candidate's stored profile is at least
/// the last version the service acknowledged (a 2xx reached the client), and the file passes
/// <c>PRAGMA integrity_check</c>. SQLite only: a killed client of PostgreSQL tests the server, not us.
/// </summary>
[Trait("Category", "integration")]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Crashes = 20;
    private const int Writers = 8;

    [Fact]
    public async Task Every_acknowledged_write_survives_twenty_kills_in_the_middle_of_concurrent_writes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.ProfileDb);
        await using var authDatabase = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, ResourceNames.AuthDb);
        await using var auth = await ServiceProcess.StartAsync("TalentLink.Auth.API", new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = authDatabase.ConnectionString,
            ["Auth:SignInRateLimit:PermitLimit"] = "1000",
            ["Auth:SigningKeys:ProtectionSecret"] = AuthFactory.SigningKeySecret,
            [Microsoft.Extensions.Hosting.IdentitySettings.RevocationKeySetting] = AuthFactory.RevocationKey,
        });
        var tokens = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => auth.CreateClient().NewUserAsync(Roles.Candidate)));
        var profileSettings = new Dictionary<string, string>
        {
            [$"ConnectionStrings:{ResourceNames.ProfileDb}"] = database.ConnectionString,
            ["Identity:Url"] = auth.Address.ToString(),
            [Microsoft.Extensions.Hosting.IdentitySettings.RevocationKeySetting] = AuthFactory.RevocationKey,
            ["Offers:Url"] = "http://127.0.0.1:9",
        };

        var acknowledged = new ConcurrentDictionary<Guid, int>();
        var port = TestMachine.FreePort();
        var totalAcknowledged = 0;
        for (var crash = 1; crash <= Crashes; crash++)
        {
            await using var profiles = await ServiceProcess.StartAsync("TalentLink.Profiles.API", profileSettings, port);
            await AssertSurvivedAsync(database.ConnectionString, acknowledged, crash);

            // Kill at a random moment once every writer is under way (the first request of a fresh process is slow).
            using var stop = new CancellationTokenSource();
            var underWay = tokens.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
            var writers = tokens.Select((token, i) => WriteUntilStoppedAsync(profiles, token.User.Id, token.AccessToken, acknowledged, underWay[i], stop.Token)).ToList();
            await Task.WhenAll(underWay.Select(u => u.Task)).WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(Random.Shared.Next(20, 300));
            await profiles.KillAsync();
            await stop.CancelAsync();
            totalAcknowledged += (await Task.WhenAll(writers)).Sum();
        }

        await using (await ServiceProcess.StartAsync("TalentLink.Profiles.API", profileSettings, port))
        {
            await AssertSurvivedAsync(database.ConnectionString, acknowledged, Crashes + 1);
        }

        output.WriteLine($"{Crashes} kills, {totalAcknowledged} acknowledged writes, all present after each restart.");
        Assert.True(totalAcknowledged >= Crashes, $"Too few writes were acknowledged ({totalAcknowledged}) for the kills to land among them.");
    }

    /// <summary>One candidate saving version after version of their profile until the service dies; returns how many were acknowledged.</summary>
    private static async Task<int> WriteUntilStoppedAsync(ServiceProcess service, Guid userId, string token, ConcurrentDictionary<Guid, int> acknowledged, TaskCompletionSource underWay, CancellationToken stop)
    {
        using var client = service.CreateClient().WithToken(token);
        var count = 0;
        var version = acknowledged.GetValueOrDefault(userId);
        while (!stop.IsCancellationRequested)
        {
            version++;
            try
            {
                var response = await client.PutAsJsonAsync("/api/profiles/me", Profiles.ProfileRequests.Profile(headline: $"Version {version}", skills: ["C#", $"Skill {version}"]), CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    acknowledged[userId] = version;
                    count++;
                    underWay.TrySetResult();
                }
                else
                {
                    Assert.Fail($"A write before the kill was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
            }
            catch (HttpRequestException)
            {
                return count; // the process died with the request in flight: not acknowledged, may or may not be stored
            }
        }

        return count;
    }

    private static async Task AssertSurvivedAsync(string connectionString, ConcurrentDictionary<Guid, int> acknowledged, int restart)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }

        foreach (var (userId, version) in acknowledged)
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT \"Headline\" FROM \"candidate_profiles\" WHERE upper(\"UserId\") = $id";
            read.Parameters.AddWithValue("$id", userId.ToString().ToUpperInvariant());
            var headline = (string?)await read.ExecuteScalarAsync();
            Assert.True(headline is not null, $"After restart {restart}, the profile of {userId} (version {version} acknowledged) is gone.");
            var stored = int.Parse(headline["Version ".Length..]);
            Assert.True(stored >= version, $"After restart {restart}, {userId} has version {stored} but version {version} was acknowledged.");
        }
    }
}
