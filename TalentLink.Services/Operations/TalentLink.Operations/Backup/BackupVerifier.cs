using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using TalentLink.Data.Replication;

namespace TalentLink.Operations.Backup;

public sealed record VerificationResult(IReadOnlyList<string> Problems, BackupManifest? Manifest)
{
    public bool IsValid => Problems.Count == 0 && Manifest is not null;

    /// <summary>Valid, and the manifest names no store that had to be left out.</summary>
    public bool IsComplete => IsValid && Manifest!.Complete;
}

/// <summary>
/// Checks an archive against its own manifest: every name in it safe to extract (see
/// <see cref="ArchivePaths"/>; an unsafe one refuses the archive before anything is extracted),
/// every entry present with its checksum, every database opened with <c>PRAGMA integrity_check</c>
/// passing and its row counts matching, every dumped MongoDB collection parsing with its count.
/// An encrypted archive is decrypted first (<see cref="VerifyAsync"/>).
/// </summary>
public static class BackupVerifier
{
    /// <summary>Verifies an archive, decrypting it with <paramref name="cipher"/> when it is encrypted (<c>.enc</c>).</summary>
    public static async Task<VerificationResult> VerifyAsync(string archivePath, ReplicaCipher? cipher, CancellationToken cancellationToken = default)
    {
        try
        {
            using var plain = await PlainArchive.OpenAsync(archivePath, cipher, cancellationToken);
            return Verify(plain.ZipPath);
        }
        catch (ArchiveUnreadableException ex)
        {
            return new VerificationResult([ex.Message], null);
        }
    }

    /// <summary>Verifies a plain zip archive.</summary>
    public static VerificationResult Verify(string archivePath)
    {
        if (BackupArchive.IsEncryptedName(archivePath))
        {
            return new VerificationResult([$"{Path.GetFileName(archivePath)} is encrypted: verify it with the key it was written under ({ArchiveEncryption.KeySetting})."], null);
        }

        var problems = new List<string>();
        BackupManifest? manifest;
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
            var unsafeNames = UnsafeEntryNames(zip);
            if (unsafeNames.Count > 0)
            {
                return new VerificationResult(unsafeNames, null);
            }

            var manifestEntry = zip.GetEntry(BackupManifest.EntryName);
            if (manifestEntry is null)
            {
                return new VerificationResult([$"{BackupManifest.EntryName} is missing."], null);
            }

            using (var stream = manifestEntry.Open())
            {
                manifest = JsonSerializer.Deserialize<BackupManifest>(stream, BackupManifest.Json);
            }

            if (manifest is null)
            {
                return new VerificationResult([$"{BackupManifest.EntryName} is empty."], null);
            }

            var unsafeManifest = UnsafeManifestNames(manifest);
            if (unsafeManifest.Count > 0)
            {
                return new VerificationResult(unsafeManifest, null);
            }

            if (manifest.Version > BackupManifest.CurrentVersion)
            {
                return new VerificationResult([$"{BackupManifest.EntryName} is version {manifest.Version}; this version of TalentLink reads up to {BackupManifest.CurrentVersion}."], null);
            }

            var scratch = Directory.CreateTempSubdirectory("talentlink-verify-");
            try
            {
                foreach (var database in manifest.Databases)
                {
                    VerifyDatabase(zip, database, scratch.FullName, problems);
                }
            }
            finally
            {
                SqliteConnection.ClearAllPools();
                scratch.Delete(recursive: true);
            }

            foreach (var file in manifest.Files)
            {
                var entry = zip.GetEntry(file.Path);
                if (entry is null)
                {
                    problems.Add($"{file.Path} is listed in the manifest but missing from the archive.");
                    continue;
                }

                using var stream = entry.Open();
                if (Convert.ToHexStringLower(SHA256.HashData(stream)) != file.Sha256)
                {
                    problems.Add($"{file.Path}: checksum does not match the manifest.");
                }
            }

            foreach (var collection in manifest.Collections ?? [])
            {
                VerifyCollection(zip, manifest, collection, problems);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or JsonException)
        {
            return new VerificationResult([$"The archive cannot be read: {ex.Message}"], null);
        }

        return new VerificationResult(problems, manifest);
    }

    /// <summary>Every entry of the zip itself, whether the manifest names it or not.</summary>
    private static List<string> UnsafeEntryNames(ZipArchive zip)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            var isFolder = name.EndsWith('/') && entry.Length == 0;
            if (ArchivePaths.Problem(isFolder ? name[..^1] : name) is { } problem)
            {
                problems.Add(ArchivePaths.Describe(name, problem));
            }
            else if (!seen.Add(name))
            {
                problems.Add($"Archive entry '{name}' appears more than once. The archive is refused.");
            }
        }

        return problems;
    }

    private static List<string> UnsafeManifestNames(BackupManifest manifest)
    {
        var problems = new List<string>();
        foreach (var database in manifest.Databases ?? [])
        {
            if (ArchivePaths.FileNameProblem(database.FileName) is { } problem)
            {
                problems.Add(ArchivePaths.Describe(database.FileName, "(a database in the manifest) " + problem));
            }
        }

        foreach (var file in manifest.Files ?? [])
        {
            if (ArchivePaths.Problem(file.Path) is { } problem)
            {
                problems.Add(ArchivePaths.Describe(file.Path, "(a file in the manifest) " + problem));
            }
        }

        foreach (var collection in manifest.Collections ?? [])
        {
            if (ArchivePaths.Problem(collection.Path) is { } problem)
            {
                problems.Add(ArchivePaths.Describe(collection.Path, "(a collection in the manifest) " + problem));
            }
        }

        if (manifest.Databases is null || manifest.Files is null || manifest.Notes is null)
        {
            problems.Add($"{BackupManifest.EntryName} lacks its databases, files or notes.");
        }

        return problems;
    }

    private static void VerifyCollection(ZipArchive zip, BackupManifest manifest, CollectionEntry collection, List<string> problems)
    {
        if (!manifest.Files.Any(f => f.Path == collection.Path))
        {
            problems.Add($"MongoDB collection {collection.Name}: {collection.Path} has no checksum in the manifest.");
            return;
        }

        if (zip.GetEntry(collection.Path) is null)
        {
            return; // reported with the files
        }

        long documents = 0;
        try
        {
            foreach (var _ in MongoDriverDump.Read(zip, collection))
            {
                documents++;
            }
        }
        catch (FormatException ex)
        {
            problems.Add($"MongoDB collection {collection.Name}: {ex.Message}");
            return;
        }

        if (documents != collection.Documents)
        {
            problems.Add($"MongoDB collection {collection.Name} has {documents} documents, the manifest says {collection.Documents}.");
        }
    }

    private static void VerifyDatabase(ZipArchive zip, DatabaseEntry database, string scratch, List<string> problems)
    {
        var entry = zip.GetEntry(database.EntryName);
        if (entry is null)
        {
            problems.Add($"{database.EntryName} is listed in the manifest but missing from the archive.");
            return;
        }

        var path = ArchivePaths.Resolve(scratch, database.FileName, plainFileName: true);
        entry.ExtractToFile(path, overwrite: true);
        if (BackupService.Sha256Of(path) != database.Sha256)
        {
            problems.Add($"{database.FileName}: checksum does not match the manifest.");
            return;
        }

        try
        {
            using var connection = SqliteInspection.OpenReadOnly(path);
            foreach (var problem in SqliteInspection.IntegrityProblems(connection))
            {
                problems.Add($"{database.FileName}: integrity_check: {problem}");
            }

            var counts = SqliteInspection.RowCounts(connection);
            foreach (var (table, expected) in database.RowCounts)
            {
                if (!counts.TryGetValue(table, out var actual))
                {
                    problems.Add($"{database.FileName}: table {table} is missing.");
                }
                else if (actual != expected)
                {
                    problems.Add($"{database.FileName}: table {table} has {actual} rows, the manifest says {expected}.");
                }
            }
        }
        catch (SqliteException ex)
        {
            problems.Add($"{database.FileName}: cannot be opened as a SQLite database: {ex.Message}");
        }
    }
}
