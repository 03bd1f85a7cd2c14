using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentLink.Operations.Backup;

/// <summary>
/// <c>manifest.json</c> inside every archive: what it holds, row counts and checksums, and what it
/// could not hold. <see cref="Missing"/> names each store the backup had to leave out and why (pg_dump
/// missing, a server down); an archive with any is <see cref="Complete"/> = false and never a good
/// backup. Version 1 manifests have neither <see cref="Collections"/> nor <see cref="Missing"/>.
/// </summary>
public sealed record BackupManifest(
    int Version,
    DateTimeOffset CreatedAt,
    IReadOnlyList<DatabaseEntry> Databases,
    IReadOnlyList<FileEntry> Files,
    IReadOnlyList<string> Notes,
    IReadOnlyList<CollectionEntry>? Collections = null,
    IReadOnlyList<string>? Missing = null)
{
    public const int CurrentVersion = 2;
    public const string EntryName = "manifest.json";
    public const string DatabasesFolder = "databases/";
    public const string UploadsFolder = "uploads/";
    public const string MongoFolder = "messaging/mongodb/";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Written for people reading the manifest; derived from <see cref="Missing"/> when read back.</summary>
    public bool Complete => Missing is not { Count: > 0 };
}

/// <summary>One SQLite snapshot: its file name, size, SHA-256 and the rows in each table.</summary>
public sealed record DatabaseEntry(string FileName, long Bytes, string Sha256, IReadOnlyDictionary<string, long> RowCounts)
{
    public string EntryName => BackupManifest.DatabasesFolder + FileName;
}

/// <summary>One other file (an upload, an external dump), by archive path.</summary>
public sealed record FileEntry(string Path, long Bytes, string Sha256);

/// <summary>
/// One MongoDB collection of messaging, dumped through the driver: <see cref="Path"/> (also listed in
/// the files, with its checksum) holds one document per line in canonical extended JSON.
/// </summary>
public sealed record CollectionEntry(string Name, string Path, long Documents);
