using Microsoft.Extensions.Configuration;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Backup;

/// <summary>
/// The daily archive is encrypted like the replica (<see cref="ReplicaCipher"/>: chunked AES-256-GCM)
/// when <c>Replication:EncryptionKey</c> is configured, with the archive's file name as the associated
/// name, so a renamed, truncated or altered archive fails to decrypt. Without a key archives stay plain
/// zip files (and the backup warns that they are).
/// </summary>
public static class ArchiveEncryption
{
    public const string KeySetting = ReplicationOptions.SectionName + ":" + nameof(ReplicationOptions.EncryptionKey);

    /// <summary>
    /// The cipher for <c>Replication:EncryptionKey</c> (and <c>PreviousEncryptionKeys</c>, to read older
    /// archives), or null when no key is configured. A key that is set but not a valid 32-byte base64
    /// key throws <see cref="InvalidOperationException"/> saying how to make one.
    /// </summary>
    public static ReplicaCipher? FromConfiguration(IConfiguration configuration)
    {
        var options = configuration.GetSection(ReplicationOptions.SectionName).Get<ReplicationOptions>() ?? new ReplicationOptions();
        if (string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            return null;
        }

        var key = ReplicaKey.Parse(options.EncryptionKey, KeySetting);
        var previous = options.PreviousEncryptionKeys.Select(k => ReplicaKey.Parse(k, ReplicationOptions.SectionName + ":PreviousEncryptionKeys"));
        return new ReplicaCipher(key, [.. previous]);
    }

    /// <summary>Encrypts the plain archive into <paramref name="encryptedPath"/>, bound to that file's name.</summary>
    public static async Task EncryptAsync(ReplicaCipher cipher, string plainPath, string encryptedPath, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(plainPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var output = new FileStream(encryptedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await cipher.EncryptAsync(input, output, Path.GetFileName(encryptedPath), cancellationToken);
        await output.FlushAsync(cancellationToken);
        output.Flush(flushToDisk: true);
    }
}
