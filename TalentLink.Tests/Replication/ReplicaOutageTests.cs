using System.Diagnostics;
using TalentLink.Data.Replication;
using TalentLink.Data.Replication.AzureBlob;

namespace TalentLink.Tests.Replication;

/// <summary>
/// A target that cannot be reached says so with <see cref="ReplicaUnavailableException"/>, soon
/// enough for the shipper to spool and retry, and works again when it is back, with what it held.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait("Category", "integration")]
public sealed class AzureBlobReplicaOutageTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task While_Azurite_is_down_every_operation_throws_ReplicaUnavailable_and_when_it_returns_puts_work_and_earlier_objects_are_still_there()
    {
        var target = new AzureBlobReplicaTarget(azurite.ConnectionString, AzureBlobReplicaTargetTests.UniqueContainer());
        var encrypted = new EncryptedReplicaTarget(target, new ReplicaCipher(ReplicaKey.Parse(ReplicaKey.NewBase64(), "test key")));
        await target.PutBytesAsync("wal/0001", [1, 2, 3]);
        await encrypted.PutBytesAsync("wal/0002", [4, 5, 6]);

        await azurite.StopAsync();
        try
        {
            await AssertUnavailableWithinBoundAsync(() => target.PutBytesAsync("wal/0003", [7]));
            await AssertUnavailableWithinBoundAsync(() => encrypted.PutBytesAsync("wal/0003", [7]));
            await AssertUnavailableWithinBoundAsync(() => target.GetBytesAsync("wal/0001"));
            await AssertUnavailableWithinBoundAsync(() => target.ListAllAsync("wal/"));
            await AssertUnavailableWithinBoundAsync(() => target.DeleteAsync("wal/0001"));
        }
        finally
        {
            await azurite.StartAsync();
        }

        await target.PutBytesAsync("wal/0003", [7]);
        Assert.Equal([1, 2, 3], await target.GetBytesAsync("wal/0001"));
        Assert.Equal([4, 5, 6], await encrypted.GetBytesAsync("wal/0002"));
        Assert.Equal([7], await target.GetBytesAsync("wal/0003"));
        Assert.Equal(["wal/0001", "wal/0002", "wal/0003"], (await target.ListAllAsync("wal/")).Select(o => o.Name));
    }

    [Fact]
    public async Task A_target_whose_container_was_never_created_creates_it_after_an_outage()
    {
        var target = new AzureBlobReplicaTarget(azurite.ConnectionString, AzureBlobReplicaTargetTests.UniqueContainer());

        await azurite.StopAsync();
        try
        {
            await AssertUnavailableWithinBoundAsync(() => target.PutBytesAsync("state/first", [1]));
        }
        finally
        {
            await azurite.StartAsync();
        }

        await target.PutBytesAsync("state/first", [1]);
        Assert.Equal([1], await target.GetBytesAsync("state/first"));
    }

    internal static async Task AssertUnavailableWithinBoundAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        var failure = await Assert.ThrowsAsync<ReplicaUnavailableException>(action);
        Assert.True(clock.Elapsed < Bound, $"it failed after {clock.Elapsed.TotalSeconds:F1} s; the bound is {Bound.TotalSeconds} s");
        Assert.DoesNotContain(AzuriteFixture.AccountKey, failure.Message, StringComparison.Ordinal);
    }
}

[Trait("Category", "integration")]
public sealed class DirectoryReplicaOutageTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("talentlink-replica-outage-").FullName;

    [Fact]
    public async Task A_directory_that_cannot_be_written_throws_ReplicaUnavailable_and_leaves_no_temporary_file()
    {
        var root = UnwritableRoot();
        var target = new DirectoryReplicaTarget(root);

        await AzureBlobReplicaOutageTests.AssertUnavailableWithinBoundAsync(() => target.PutBytesAsync("wal/0001", [1, 2, 3]));
        await AzureBlobReplicaOutageTests.AssertUnavailableWithinBoundAsync(() => target.PutBytesAsync("top-level", [1, 2, 3]));

        Assert.True(!Directory.Exists(root) || !Directory.EnumerateFileSystemEntries(root).Any(), "nothing was left in the root");
    }

    [Fact]
    public async Task A_root_below_a_regular_file_throws_ReplicaUnavailable()
    {
        var file = Path.Combine(_directory, "file");
        await File.WriteAllTextAsync(file, "not a directory");
        var target = new DirectoryReplicaTarget(Path.Combine(file, "replica"));

        await AzureBlobReplicaOutageTests.AssertUnavailableWithinBoundAsync(() => target.PutBytesAsync("wal/0001", [1]));
        Assert.Equal("not a directory", await File.ReadAllTextAsync(file));
    }

    /// <summary>
    /// A directory without write permission (0500). Root (as in CI) writes there all the same, so
    /// when a probe file can be created the root is put below a regular file instead.
    /// </summary>
    private string UnwritableRoot()
    {
        if (!OperatingSystem.IsWindows())
        {
            var readOnly = Path.Combine(_directory, "read-only");
            Directory.CreateDirectory(readOnly);
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                File.WriteAllBytes(Path.Combine(readOnly, "probe"), []);
                File.Delete(Path.Combine(readOnly, "probe"));
            }
            catch (UnauthorizedAccessException)
            {
                return readOnly;
            }
        }

        var file = Path.Combine(_directory, "file");
        File.WriteAllText(file, "not a directory");
        return Path.Combine(file, "replica");
    }

    public void Dispose()
    {
        try
        {
            foreach (var directory in Directory.EnumerateDirectories(_directory, "*", SearchOption.AllDirectories).Prepend(_directory))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
