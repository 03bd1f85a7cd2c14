using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using TalentLink.Operations.Backup;

namespace TalentLink.Tests.Operations;

/// <summary>Writes an archive by hand (a manifest and whatever entries a test wants), as an attacker could.</summary>
public static class CraftedArchive
{
    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static void Write(string path, BackupManifest manifest, IEnumerable<(string Name, byte[] Bytes)> entries)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in entries)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(bytes);
        }

        using var output = zip.CreateEntry(BackupManifest.EntryName).Open();
        JsonSerializer.Serialize(output, manifest, BackupManifest.Json);
    }
}
