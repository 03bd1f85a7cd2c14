using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace TalentLink.Operations.Backup;

public sealed record VerificationResult(IReadOnlyList<string> Problems, BackupManifest? Manifest)
{
    public bool IsValid => Problems.Count == 0 && Manifest is not null;
}

/// <summary>
/// Checks an archive against its own manifest: every entry present with its checksum, every
/// database opened with <c>PRAGMA integrity_check</c> passing and its row counts matching.
/// </summary>
public static class BackupVerifier
{
    public static VerificationResult Verify(string archivePath)
    {
        var problems = new List<string>();
        BackupManifest? manifest;
        try
        {
            using var zip = ZipFile.OpenRead(archivePath);
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
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or JsonException)
        {
            return new VerificationResult([$"The archive cannot be read: {ex.Message}"], null);
        }

        return new VerificationResult(problems, manifest);
    }

    private static void VerifyDatabase(ZipArchive zip, DatabaseEntry database, string scratch, List<string> problems)
    {
        var entry = zip.GetEntry(database.EntryName);
        if (entry is null)
        {
            problems.Add($"{database.EntryName} is listed in the manifest but missing from the archive.");
            return;
        }

        var path = Path.Combine(scratch, database.FileName);
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
