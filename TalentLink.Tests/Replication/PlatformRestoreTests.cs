using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Data.Replication;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Replication;
using TalentLink.Tests.Offers;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Replication;

/// <summary>
/// Auth and Offers running as services, shipping to one replica: the platform restored to an instant
/// T from the replica alone holds exactly what both held at T — the applications and their files,
/// and every application's candidate account — and <c>latest</c> holds everything.
/// </summary>
[Trait("Category", "integration")]
public sealed class PlatformRestoreTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("talentlink-platform-restore-").FullName;
    private readonly string _key = ReplicaKey.NewBase64();
    private AuthFactory? _auth;
    private OffersFactory? _offers;

    private string Replica => Path.Combine(_root, "replica");

    private Dictionary<string, string?> Replication => new()
    {
        ["Replication:Directory"] = Replica,
        ["Replication:EncryptionKey"] = _key,
        ["Replication:Interval"] = "00:00:00.200",
    };

    public async Task InitializeAsync()
    {
        _auth = new AuthFactory(DatabaseProvider.Sqlite, Replication);
        await _auth.InitializeAsync();
        _offers = new OffersFactory(DatabaseProvider.Sqlite, _auth, new ProfilesStub(), Path.Combine(_root, "uploads"), Replication);
        await _offers.InitializeAsync();
    }

    [Fact]
    public async Task The_platform_restored_to_an_instant_holds_exactly_the_rows_and_files_of_that_instant_across_services()
    {
        var recruiter = await NewUserAsync(Roles.Recruiter);
        _offers!.Profiles.AddCompany(recruiter.Id, "Acme");
        var offer = await recruiter.Client.PublishedOfferAsync();
        var first = await NewUserAsync(Roles.Candidate);
        var firstCv = Pdf(4096);
        var firstApplication = await first.Client.AppliedAsync(offer.Id, Form((firstCv, "first.pdf"), coverLetterText: "Hello"));
        var at = await ShippedAsync();

        var second = await NewUserAsync(Roles.Candidate);
        var secondApplication = await second.Client.AppliedAsync(offer.Id, Form((Pdf(8192), "second.pdf"), coverLetterText: "Hi"));
        var latest = await ShippedAsync();
        await _offers.DisposeAsync();
        await _auth!.DisposeAsync();
        _offers = null;
        _auth = null;

        var target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(Replica), new ReplicaCipher(ReplicaKey.Parse(_key, "key")));
        var atT = await RestoreAsync(target, DatabaseTimeline.Format(at));
        Assert.Equal([firstApplication.Id], Ids(atT, ResourceNames.OffersDb, "SELECT Id FROM applications"));
        var users = Ids(atT, ResourceNames.AuthDb, "SELECT Id FROM users");
        Assert.Contains(first.Id, users);
        Assert.DoesNotContain(second.Id, users);
        Assert.All(Ids(atT, ResourceNames.OffersDb, "SELECT CandidateId FROM applications"), candidate => Assert.Contains(candidate, users));
        var files = Directory.GetFiles(Path.Combine(atT, "uploads"));
        Assert.Equal(Ids(atT, ResourceNames.OffersDb, "SELECT StoredName FROM application_files").Select(n => n.ToString()).Order(), files.Select(Path.GetFileName).Order()!);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(firstCv)), Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Assert.Single(files)))));

        var all = await RestoreAsync(target, PlatformRestore.Latest);
        Assert.Equal(new object[] { firstApplication.Id, secondApplication.Id }.OrderBy(x => x.ToString()), Ids(all, ResourceNames.OffersDb, "SELECT Id FROM applications").OrderBy(x => x.ToString()));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(all, "uploads")).Length);
        Assert.Contains(second.Id, Ids(all, ResourceNames.AuthDb, "SELECT Id FROM users"));

        // Over existing data only when told, and never onto a running service.
        var refused = await Assert.ThrowsAsync<RestoreRefusedException>(() =>
            PlatformRestore.RestoreAsync(target, PlatformRestore.Latest, all, Path.Combine(all, "uploads"), null, overwrite: false));
        Assert.Contains("--force", refused.Message);
        Assert.True(latest >= at);
    }

    [Fact]
    public async Task An_account_erased_after_the_restored_instant_is_erased_again_when_auth_starts()
    {
        var kept = await _auth!.CreateClient().NewUserAsync(Roles.Candidate);
        var erased = await _auth.CreateClient().NewUserAsync(Roles.Candidate);
        var at = await ShippedAsync();
        var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/account") { Content = JsonContent.Create(new { password = AuthClient.Password }) };
        Assert.True((await _auth.CreateClient().WithToken(erased.AccessToken).SendAsync(delete)).IsSuccessStatusCode);
        await ShippedAsync();
        await _offers!.DisposeAsync();
        await _auth.DisposeAsync();
        _offers = null;
        _auth = null;

        var target = new EncryptedReplicaTarget(new DirectoryReplicaTarget(Replica), new ReplicaCipher(ReplicaKey.Parse(_key, "key")));
        var data = await RestoreAsync(target, DatabaseTimeline.Format(at));
        var restoredAuth = Path.Combine(data, $"{ResourceNames.AuthDb}.db");
        Assert.Contains(erased.User.Id, Ids(data, ResourceNames.AuthDb, "SELECT Id FROM users")); // the instant's state, before the erasure
        var pending = Assert.Single(ErasuresToReapply.Load(restoredAuth)!.Erasures);
        Assert.Equal(TokenRevocation.HashSubject(erased.User.Id.ToString()), pending.SubjectHash);

        await using (var auth = new AuthFactory(DatabaseProvider.Sqlite) { ExistingDatabase = TestDatabase.ExistingSqlite(restoredAuth) })
        {
            await auth.InitializeAsync();
        }

        SqliteConnection.ClearAllPools();
        var users = Ids(data, ResourceNames.AuthDb, "SELECT Id FROM users");
        Assert.DoesNotContain(erased.User.Id, users);
        Assert.Contains(kept.User.Id, users);
        Assert.False(File.Exists(ErasuresToReapply.PathFor(restoredAuth)));
    }

    private async Task<TalentLink.Tests.Offers.TestUser> NewUserAsync(string role)
    {
        var tokens = await _auth!.CreateClient().NewUserAsync(role);
        return new TalentLink.Tests.Offers.TestUser(tokens.User.Id, _offers!.CreateClient().WithToken(tokens.AccessToken));
    }

    /// <summary>Waits until both services (databases and uploads) have shipped everything committed so far, and returns that instant.</summary>
    /// <summary>
    /// Waits until every store has shipped a read made after now, and returns the instant they are
    /// all complete through: every commit so far is recorded at or before it, none made after this returns.
    /// </summary>
    private async Task<DateTimeOffset> ShippedAsync()
    {
        var boundary = ShippingClock.RecordedAt(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(200));
        var monitors = new[] { _auth!.Services.GetRequiredService<ReplicationMonitor>(), _offers!.Services.GetRequiredService<ReplicationMonitor>() };
        Assert.Equal(3, monitors.Sum(m => m.Statuses.Count)); // authdb, offersdb, uploads
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!monitors.SelectMany(m => m.Statuses).All(s => s.ShippedThrough > boundary))
        {
            Assert.True(DateTime.UtcNow < deadline, "shipping did not catch up: " + string.Join("; ", monitors.SelectMany(m => m.Statuses).Select(s => $"{s.Database} {s.ShippedThrough} {s.LastError}")));
            await Task.Delay(50);
        }

        return monitors.SelectMany(m => m.Statuses).Min(s => s.ShippedThrough!.Value);
    }

    private async Task<string> RestoreAsync(EncryptedReplicaTarget target, string to)
    {
        var data = Path.Combine(_root, "restored-" + Guid.NewGuid().ToString("N")[..6]);
        await PlatformRestore.RestoreAsync(target, to, data, Path.Combine(data, "uploads"), null, overwrite: false);
        return data;
    }

    private static List<object> Ids(string data, string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, database + ".db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object>();
        while (reader.Read())
        {
            values.Add(reader.GetFieldType(0) == typeof(string) && Guid.TryParse(reader.GetString(0), out var id) ? id : reader.GetValue(0));
        }

        return values;
    }

    public async Task DisposeAsync()
    {
        if (_offers is not null)
        {
            await _offers.DisposeAsync();
        }

        if (_auth is not null)
        {
            await _auth.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
