using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentLink.Operations.Backup;

/// <summary><c>manifest.json</c> inside every archive: what it holds, row counts and checksums.</summary>
public sealed record BackupManifest(
    int Version,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DatabaseEntry> Databases,
    IReadOnlyList<FileEntry> Files,
    IReadOnlyList<string> Notes)
{
    public const string EntryName = "manifest.json";
    public const string DatabasesFolder = "databases/";
    public const string UploadsFolder = "uploads/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>One SQLite snapshot: its file name, size, SHA-256 and the rows in each table.</summary>
public sealed record DatabaseEntry(string FileName, long Bytes, string Sha256, IReadOnlyDictionary<string, long> RowCounts)
{
    public string EntryName => BackupManifest.DatabasesFolder + FileName;
}

/// <summary>One other file (an upload, an external dump), by archive path.</summary>
public sealed record FileEntry(string Path, long Bytes, string Sha256);
