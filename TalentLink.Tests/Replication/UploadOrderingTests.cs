using TalentLink.Data.Replication;

namespace TalentLink.Tests.Replication;

/// <summary>
/// A restored row never names a file the replica lacks: the service's database replicator ships the
/// files written before its commits first, even when the uploads' own loop has not run yet.
/// </summary>
[Trait("Category", "integration")]
public sealed class UploadOrderingTests
{
    [Fact]
    public async Task A_file_reaches_the_replica_before_the_commit_that_names_it()
    {
        await using var scenario = new ReplicaScenario();
        var uploadsFolder = Directory.CreateDirectory(Path.Combine(scenario.Directory, "data", "uploads")).FullName;
        var uploads = new UploadReplicator(uploadsFolder, scenario.Target, scenario.Options, scenario.Time);
        await scenario.StartAsync(uploads);
        scenario.Execute("CREATE TABLE files(name TEXT PRIMARY KEY)");

        // As Offers does: the file is written and noted, then the row naming it commits.
        var name = Guid.NewGuid().ToString("N") + ".pdf";
        var path = Path.Combine(uploadsFolder, name);
        await File.WriteAllBytesAsync(path, "%PDF-1.7 cv"u8.ToArray());
        File.SetLastWriteTimeUtc(path, scenario.Time.GetUtcNow().UtcDateTime); // written now, on the test's clock
        uploads.Written(name);
        scenario.Execute($"INSERT INTO files(name) VALUES ('{name}')");
        var recorded = await scenario.ShipAsync();

        var shipped = await scenario.Target.ListAllAsync(ReplicaLayout.UploadsFilesPrefix);
        Assert.Contains(shipped, o => o.Name == ReplicaLayout.UploadFile(name));
        Assert.Contains(name, UploadEvents.Present(await UploadEvents.ReadAsync(scenario.Target), recorded));
        Assert.True(await UploadEvents.ShippedThroughAsync(scenario.Target) >= recorded, "the uploads' mark does not hold back 'latest'");
    }
}
