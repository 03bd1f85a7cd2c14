using System.Security.Cryptography;
using System.Text;
using TalentLink.Data.Replication;
using TalentLink.Data.Replication.AzureBlob;

namespace TalentLink.Tests.Replication;

/// <summary>
/// What every replica target promises (<see cref="IReplicaTarget"/>), run against each kind: a
/// directory, an Azure Blob container on Azurite, and both again through
/// <see cref="EncryptedReplicaTarget"/>. Each test gets a fresh, empty target.
/// </summary>
public abstract class ReplicaTargetContract : IAsyncLifetime
{
    private IReplicaTarget? _inner;
    private IReplicaTarget? _target;

    /// <summary>The target the tests use (the encrypted wrapper in the encrypted variants).</summary>
    protected IReplicaTarget Target => _target ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>The target that holds the bytes (the same as <see cref="Target"/> unless encrypted).</summary>
    protected IReplicaTarget Inner => _inner ?? throw new InvalidOperationException("Not initialized.");

    protected virtual bool Encrypted => false;

    protected abstract IReplicaTarget CreateInner();

    public virtual Task InitializeAsync()
    {
        _inner = CreateInner();
        _target = Encrypted ? new EncryptedReplicaTarget(_inner, new ReplicaCipher(ReplicaKey.Parse(ReplicaKey.NewBase64(), "test key"))) : _inner;
        return Task.CompletedTask;
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(300_000)]
    public async Task Put_then_read_returns_the_same_bytes(int length)
    {
        var content = RandomNumberGenerator.GetBytes(length);

        await Target.PutBytesAsync("wal/0000000001", content);

        Assert.Equal(content, await Target.GetBytesAsync("wal/0000000001"));
    }

    [Fact]
    public async Task Put_under_an_existing_name_replaces_the_object()
    {
        await Target.PutBytesAsync("state/timeline.json", "first, and longer than the second"u8.ToArray());

        await Target.PutBytesAsync("state/timeline.json", "second"u8.ToArray());

        Assert.Equal("second"u8.ToArray(), await Target.GetBytesAsync("state/timeline.json"));
        Assert.Equal(["state/timeline.json"], (await Target.ListAllAsync("")).Select(o => o.Name));
    }

    [Fact]
    public async Task Reading_a_missing_object_returns_null()
    {
        Assert.Null(await Target.OpenReadAsync("wal/missing"));

        await Target.PutBytesAsync("wal/present", [1]);
        Assert.Null(await Target.OpenReadAsync("wal/missing"));
        Assert.Null(await Target.OpenReadAsync("other/missing"));
    }

    [Fact]
    public async Task Listing_an_empty_target_returns_nothing()
    {
        Assert.Empty(await Target.ListAllAsync(""));
        Assert.Empty(await Target.ListAllAsync("wal/"));
    }

    [Fact]
    public async Task List_returns_the_objects_under_a_prefix_in_ordinal_order_and_no_others()
    {
        string[] under = ["wal/0000000010", "wal/0000000002", "wal/a_b", "wal/a-b", "wal/a.b", "wal/b/0001", "wal/0000000001"];
        string[] others = ["walnut/x", "snapshots/0001", "wa", "x.partial"];
        foreach (var (name, i) in under.Concat(others).Select((name, i) => (name, i)))
        {
            await Target.PutBytesAsync(name, new byte[i + 1]);
        }

        var listed = await Target.ListAllAsync("wal/");

        Assert.Equal(under.Order(StringComparer.Ordinal), listed.Select(o => o.Name));
        Assert.Equal(["wal/0000000001", "wal/0000000002", "wal/0000000010", "wal/a-b", "wal/a.b", "wal/a_b", "wal/b/0001"], listed.Select(o => o.Name));
        Assert.Equal(under.Concat(others).Order(StringComparer.Ordinal), (await Target.ListAllAsync("")).Select(o => o.Name));
        Assert.Equal(["walnut/x"], (await Target.ListAllAsync("walnut/")).Select(o => o.Name));
        Assert.Equal(["wal/b/0001"], (await Target.ListAllAsync("wal/b/")).Select(o => o.Name));
        Assert.All(listed, o => Assert.True(o.Length > 0));
        if (!Encrypted)
        {
            Assert.Equal(Array.IndexOf(under, "wal/a.b") + 1, listed.Single(o => o.Name == "wal/a.b").Length);
        }
    }

    [Fact]
    public async Task Delete_removes_the_object_and_deleting_a_missing_one_is_fine()
    {
        await Target.PutBytesAsync("wal/0001", [1, 2, 3]);
        await Target.PutBytesAsync("wal/0002", [4, 5, 6]);

        await Target.DeleteAsync("wal/0001");
        await Target.DeleteAsync("wal/0001");
        await Target.DeleteAsync("wal/never-there");
        await Target.DeleteAsync("elsewhere/never-there");

        Assert.Null(await Target.GetBytesAsync("wal/0001"));
        Assert.Equal([4, 5, 6], await Target.GetBytesAsync("wal/0002"));
        Assert.Equal(["wal/0002"], (await Target.ListAllAsync("")).Select(o => o.Name));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("A")]
    [InlineData("a/../../x")]
    [InlineData("a/")]
    [InlineData("")]
    public async Task An_invalid_name_is_refused_before_anything_is_written(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Target.PutBytesAsync(name, "secret"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>(() => Target.OpenReadAsync(name));
        await Assert.ThrowsAsync<ArgumentException>(() => Target.DeleteAsync(name));

        Assert.Empty(await Inner.ListAllAsync(""));
        AssertNothingWritten();
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/wal")]
    [InlineData("WAL/")]
    public async Task An_invalid_prefix_is_refused(string prefix) =>
        await Assert.ThrowsAsync<ArgumentException>(() => Target.ListAllAsync(prefix));

    /// <summary>For targets with a place on disk: nothing appeared there nor beside it.</summary>
    protected virtual void AssertNothingWritten()
    {
    }

    protected static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>The contract for targets that encrypt: the same behaviour, and the inner target never sees the plaintext.</summary>
public abstract class EncryptedReplicaTargetContract : ReplicaTargetContract
{
    protected override bool Encrypted => true;

    [Fact]
    public async Task The_stored_bytes_do_not_contain_the_plaintext()
    {
        const string Secret = "candidate jane.doe@example.com expects a salary of 123456";
        var content = Text(string.Concat(Enumerable.Repeat(Secret + "\n", 2_000)));

        await Target.PutBytesAsync("uploads/cv-0001", content);

        var stored = await Inner.GetBytesAsync("uploads/cv-0001");
        Assert.NotNull(stored);
        Assert.Equal("TLRP"u8.ToArray(), stored[..4]);
        Assert.Equal(-1, stored.AsSpan().IndexOf(Text("jane.doe")));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Text("123456")));
        Assert.True(stored.Length < content.Length / 10, $"the object was compressed before it was encrypted ({stored.Length} of {content.Length} bytes)");
        Assert.Equal(content, await Target.GetBytesAsync("uploads/cv-0001"));
    }

    [Fact]
    public async Task An_object_stored_under_another_name_does_not_decrypt()
    {
        await Target.PutBytesAsync("state/a", Text("state of a"));
        await Inner.PutBytesAsync("state/b", (await Inner.GetBytesAsync("state/a"))!);

        await Assert.ThrowsAsync<ReplicaCorruptException>(() => Target.GetBytesAsync("state/b"));
    }
}

[Trait("Category", "integration")]
public sealed class DirectoryReplicaTargetTests : ReplicaTargetContract
{
    private readonly TemporaryReplicaDirectory _directory = new();

    protected override IReplicaTarget CreateInner() => new DirectoryReplicaTarget(_directory.Root);

    protected override void AssertNothingWritten() => _directory.AssertEmpty();

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Objects_are_files_under_the_root_and_no_temporary_file_is_left()
    {
        await Target.PutBytesAsync("wal/db/0001", [1, 2]);
        await Target.PutBytesAsync("wal/db/0001", [3]);

        Assert.Equal([3], await File.ReadAllBytesAsync(Path.Combine(_directory.Root, "wal", "db", "0001")));
        Assert.Equal([Path.Combine(_directory.Root, "wal", "db", "0001")], Directory.GetFiles(_directory.Root, "*", SearchOption.AllDirectories));
    }
}

[Trait("Category", "integration")]
public sealed class EncryptedDirectoryReplicaTargetTests : EncryptedReplicaTargetContract
{
    private readonly TemporaryReplicaDirectory _directory = new();

    protected override IReplicaTarget CreateInner() => new DirectoryReplicaTarget(_directory.Root);

    protected override void AssertNothingWritten() => _directory.AssertEmpty();

    public override Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}

[Collection(AzuriteCollection.Name)]
[Trait("Category", "integration")]
public sealed class AzureBlobReplicaTargetTests(AzuriteFixture azurite) : ReplicaTargetContract
{
    protected override IReplicaTarget CreateInner() => new AzureBlobReplicaTarget(azurite.ConnectionString, UniqueContainer());

    internal static string UniqueContainer() => "replica-" + Guid.NewGuid().ToString("N");
}

[Collection(AzuriteCollection.Name)]
[Trait("Category", "integration")]
public sealed class EncryptedAzureBlobReplicaTargetTests(AzuriteFixture azurite) : EncryptedReplicaTargetContract
{
    protected override IReplicaTarget CreateInner() => new AzureBlobReplicaTarget(azurite.ConnectionString, AzureBlobReplicaTargetTests.UniqueContainer());
}

/// <summary>A replica root inside a temporary folder of its own, so a name that escaped the root would show up beside it.</summary>
internal sealed class TemporaryReplicaDirectory : IDisposable
{
    private readonly string _parent = Directory.CreateTempSubdirectory("talentlink-replica-").FullName;

    public string Root => Path.Combine(_parent, "root");

    public void AssertEmpty() =>
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(_parent, "*", SearchOption.AllDirectories), p => p != Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_parent, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
