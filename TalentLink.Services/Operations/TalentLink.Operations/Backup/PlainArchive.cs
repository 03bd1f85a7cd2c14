using TalentLink.Data.Replication;

namespace TalentLink.Operations.Backup;

/// <summary>Why an archive could not be opened at all (not decryptable, no key for it); nothing was changed.</summary>
public sealed class ArchiveUnreadableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// An archive as a plain zip file to read: the file itself when it is not encrypted, otherwise a
/// decrypted copy in a private temporary folder (mode 700) that is deleted on dispose. A wrong key or
/// a tampered archive throws <see cref="ArchiveUnreadableException"/> naming the problem, and nothing
/// decrypted is left behind.
/// </summary>
public sealed class PlainArchive : IDisposable
{
    private readonly DirectoryInfo? _scratch;

    private PlainArchive(string zipPath, DirectoryInfo? scratch)
    {
        ZipPath = zipPath;
        _scratch = scratch;
    }

    /// <summary>The plain zip file to read.</summary>
    public string ZipPath { get; }

    public bool WasEncrypted => _scratch is not null;

    public static async Task<PlainArchive> OpenAsync(string archivePath, ReplicaCipher? cipher, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(archivePath))
        {
            throw new ArchiveUnreadableException($"Archive '{archivePath}' does not exist.");
        }

        if (!BackupArchive.IsEncryptedName(archivePath))
        {
            return new PlainArchive(archivePath, null);
        }

        var name = Path.GetFileName(archivePath);
        if (cipher is null)
        {
            throw new ArchiveUnreadableException(
                $"{name} is encrypted and no key is configured: set {ArchiveEncryption.KeySetting} (environment Replication__EncryptionKey) to the key it was written under.");
        }

        var scratch = Directory.CreateTempSubdirectory("talentlink-archive-");
        try
        {
            var plainPath = Path.Combine(scratch.FullName, name[..^BackupArchive.EncryptedSuffix.Length]);
            await using (var input = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan))
            await using (var output = new FileStream(plainPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await cipher.DecryptAsync(input, output, name, cancellationToken);
            }

            return new PlainArchive(plainPath, scratch);
        }
        catch (ReplicaKeyMismatchException ex)
        {
            scratch.Delete(recursive: true);
            throw new ArchiveUnreadableException($"Wrong key: {ex.Message}", ex);
        }
        catch (ReplicaCorruptException ex)
        {
            scratch.Delete(recursive: true);
            throw new ArchiveUnreadableException($"The archive is damaged or was altered: {ex.Message}", ex);
        }
        catch
        {
            scratch.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        if (_scratch is { } scratch && Directory.Exists(scratch.FullName))
        {
            scratch.Delete(recursive: true);
        }
    }
}
