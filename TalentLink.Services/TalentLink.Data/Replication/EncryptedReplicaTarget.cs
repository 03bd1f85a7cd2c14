
namespace TalentLink.Data.Replication;

/// <summary>
/// Wraps a target so that what goes in is compressed and encrypted (<see cref="ReplicaCipher"/>) and
/// what comes out is checked and decrypted: callers read and write plaintext. An object that does not
/// decrypt throws <see cref="ReplicaCorruptException"/> or <see cref="ReplicaKeyMismatchException"/>
/// naming it.
/// </summary>
public sealed class EncryptedReplicaTarget(IReplicaTarget inner, ReplicaCipher cipher) : IReplicaTarget
{
    /// <summary>Objects up to this size are staged in memory; larger ones in a temporary file.</summary>
    private const int InMemoryBytes = 8 << 20;

    /// <summary>
    /// Deflate inflates at most about 1,032 times, so a plaintext is staged in memory only when its
    /// ciphertext is small enough for that bound to fit (a mostly empty snapshot of a few GB can be
    /// a few MB encrypted, and would not fit in memory, nor in a MemoryStream at all).
    /// </summary>
    private const int MaxInflation = 1032;

    public IReplicaTarget Inner => inner;

    public ReplicaCipher Cipher => cipher;

    public string Description => inner.Description + ", encrypted (key " + cipher.Key.Fingerprint + ")";

    public async Task PutAsync(string name, Stream content, CancellationToken cancellationToken = default)
    {
        await using var staged = Stage(content);
        await cipher.EncryptAsync(content, staged, ReplicaNames.Check(name), cancellationToken);
        staged.Position = 0;
        await inner.PutAsync(name, staged, cancellationToken);
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var encrypted = await inner.OpenReadAsync(name, cancellationToken);
        if (encrypted is null)
        {
            return null;
        }

        var plaintext = Stage(encrypted, MaxInflation);
        try
        {
            await cipher.DecryptAsync(encrypted, plaintext, name, cancellationToken);
            plaintext.Position = 0;
            return plaintext;
        }
        catch
        {
            await plaintext.DisposeAsync();
            throw;
        }
    }

    /// <summary>Decrypts an object straight into <paramref name="destination"/> (no staging copy); false when there is none of that name.</summary>
    public async Task<bool> CopyToAsync(string name, Stream destination, CancellationToken cancellationToken = default)
    {
        await using var encrypted = await inner.OpenReadAsync(name, cancellationToken);
        if (encrypted is null)
        {
            return false;
        }

        await cipher.DecryptAsync(encrypted, destination, name, cancellationToken);
        return true;
    }

    public IAsyncEnumerable<ReplicaObject> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(name, cancellationToken);

    private static Stream Stage(Stream source, int expansion = 1) =>
        source.CanSeek && (source.Length - source.Position) * expansion <= InMemoryBytes
            ? new MemoryStream()
            : new FileStream(Path.Combine(Path.GetTempPath(), "talentlink-replica-" + Guid.NewGuid().ToString("N") + ".tmp"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

/// <summary>Reads and writes whole small objects (state files, indexes) through a target.</summary>
public static class ReplicaTargetExtensions
{
    public static async Task PutBytesAsync(this IReplicaTarget target, string name, byte[] content, CancellationToken cancellationToken = default) =>
        await target.PutAsync(name, new MemoryStream(content, writable: false), cancellationToken);

    public static async Task<byte[]?> GetBytesAsync(this IReplicaTarget target, string name, CancellationToken cancellationToken = default)
    {
        await using var stream = await target.OpenReadAsync(name, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    public static async Task<List<ReplicaObject>> ListAllAsync(this IReplicaTarget target, string prefix, CancellationToken cancellationToken = default)
    {
        var list = new List<ReplicaObject>();
        await foreach (var item in target.ListAsync(prefix, cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }
}
