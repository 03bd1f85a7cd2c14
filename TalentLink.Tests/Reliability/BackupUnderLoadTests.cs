using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using TalentLink.Operations.Worker.Model;
using TalentLink.Operations.Backup;
using TalentLink.Tests.Offers;
using TalentLink.Tests.Operations;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Reliability;

/// <summary>
/// A backup taken through Operations' HTTP API while candidates register and apply (with CV files)
/// through Auth's and Offers' HTTP APIs, all in process on SQLite, restored elsewhere: every restored
/// database passes integrity and foreign-key checks, and every application acknowledged before the
/// backup was asked for is there with its file. PostgreSQL databases are backed up with pg_dump, a
/// consistent snapshot by construction, so only SQLite is exercised here.
/// </summary>
[Trait("Category", "integration")]
public sealed class BackupUnderLoadTests(SqliteOffersFixture fixture) : IClassFixture<SqliteOffersFixture>, IDisposable
{
    private const int Writers = 4;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("talentlink-backup-under-load-");

    [Fact]
    public async Task A_backup_taken_through_the_api_while_candidates_apply_restores_every_acknowledged_application_consistently()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offers = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            offers.Add((await recruiter.Client.PublishedOfferAsync()).Id);
        }

        await using var operations = new OperationsFactory(fixture.Auth, Path.Combine(_root.FullName, "no-local-data"), new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = fixture.Auth.Database.ConnectionString,
            [$"ConnectionStrings:{ResourceNames.OffersDb}"] = fixture.Offers.Database.ConnectionString,
            ["Operations:UploadsDirectory"] = fixture.UploadsPath,
        });
        await operations.InitializeAsync();
        var admin = await fixture.Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword);
        var operatorClient = operations.CreateClient().WithToken(admin.AccessToken);

        // Acknowledged applications, with the moment each 201 arrived; and when every write (a
        // registration or an application) was sent and answered, to show they overlapped the backup.
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var writes = new ConcurrentBag<(long Sent, long Answered)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var round = 0; !stop.IsCancellationRequested; round++)
            {
                var sent = Stopwatch.GetTimestamp();
                var candidate = await fixture.NewUserAsync(Roles.Candidate);
                writes.Add((sent, Stopwatch.GetTimestamp()));
                foreach (var offer in offers.Skip((writer + round) % offers.Count).Take(2))
                {
                    sent = Stopwatch.GetTimestamp();
                    var application = await candidate.Client.AppliedAsync(offer, Form((Pdf(200_000), "cv.pdf"), coverLetterText: $"writer {writer}, round {round}"));
                    acknowledged[application.Id] = Stopwatch.GetTimestamp();
                    writes.Add((sent, acknowledged[application.Id]));
                }
            }
        })).ToList();

        await WaitUntilAsync(() => acknowledged.Count >= 20, writers);
        var asked = Stopwatch.GetTimestamp();
        var response = await operatorClient.PostAsync("/api/operations/backups", null);
        var answered = Stopwatch.GetTimestamp();
        await WaitUntilAsync(() => acknowledged.Values.Count(at => at > answered) >= Writers, writers);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var backup = (await response.Content.ReadFromJsonAsync<BackupResponse>())!;
        Assert.True(backup.Good, string.Join("; ", backup.Problems));
        Assert.Equal([$"{ResourceNames.AuthDb}.db", $"{ResourceNames.OffersDb}.db"], backup.Databases.Order());
        Assert.True(writes.Any(w => w.Sent < answered && w.Answered > asked), "writes were in flight while the backup ran");

        var restored = Path.Combine(_root.FullName, "restored");
        await RestoreService.RestoreAsync(Path.Combine(operations.BackupDirectory, backup.Archive), restored, Path.Combine(restored, "uploads"), overwrite: false);

        foreach (var database in backup.Databases)
        {
            AssertIntact(Path.Combine(restored, database));
        }

        var before = acknowledged.Where(a => a.Value < asked).Select(a => a.Key).ToHashSet();
        var files = ApplicationFiles(Path.Combine(restored, $"{ResourceNames.OffersDb}.db"));
        var missing = before.Where(id => !files.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {before.Count} applications acknowledged before the backup are not in it");
        Assert.All(before, id => Assert.True(File.Exists(Path.Combine(restored, "uploads", files[id])), $"the CV of application {id} was restored"));
    }

    /// <summary>integrity_check says ok and foreign_key_check finds no orphan.</summary>
    private static void AssertIntact(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var integrity = connection.CreateCommand();
        integrity.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", integrity.ExecuteScalar());
        using var foreignKeys = connection.CreateCommand();
        foreignKeys.CommandText = "PRAGMA foreign_key_check";
        using var orphans = foreignKeys.ExecuteReader();
        Assert.False(orphans.Read(), $"{Path.GetFileName(path)} has a row whose foreign key points nowhere (table {(orphans.HasRows ? orphans.GetString(0) : "")})");
    }

    /// <summary>Each restored application and the stored name of its CV.</summary>
    private static Dictionary<Guid, string> ApplicationFiles(string offersDatabase)
    {
        using var connection = new SqliteConnection($"Data Source={offersDatabase};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT a.\"Id\", f.\"StoredName\" FROM applications a JOIN application_files f ON f.\"ApplicationId\" = a.\"Id\" WHERE f.\"Kind\" = 'cv'";
        using var reader = command.ExecuteReader();
        var files = new Dictionary<Guid, string>();
        while (reader.Read())
        {
            files[Guid.Parse(reader.GetString(0))] = reader.GetString(1);
        }

        return files;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, IReadOnlyList<Task> writers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed)
            {
                await failed; // a writer's failure, not a timeout, is the story
            }

            Assert.True(DateTime.UtcNow < deadline, "the writers did not make progress within a minute");
            await Task.Delay(20);
        }
    }

    public void Dispose() => _root.Delete(recursive: true);
}
