using System.Globalization;

namespace TalentLink.Operations.Backup;

/// <summary>
/// Archive naming: <c>talentlink-20261125T020000Z.zip</c> is a verified, complete (good) backup;
/// <c>…-incomplete.zip</c> verified but lacks a store (see its manifest's <c>missing</c>) and
/// <c>…-failed.zip</c> failed its verification: neither ever counts as a backup. An archive encrypted
/// under <c>Replication:EncryptionKey</c> has <c>.enc</c> after the name (<c>….zip.enc</c>); its file
/// name is bound into the encryption, so renaming one (to pass an incomplete archive off as good,
/// say) makes it fail to decrypt.
/// </summary>
public sealed record BackupArchive(string Path, DateTimeOffset CreatedAt, BackupState State, bool IsEncrypted = false)
{
    public const string EncryptedSuffix = ".enc";

    private const string Prefix = "talentlink-";
    private const string Extension = ".zip";
    private const string StampFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string FailedSuffix = "-failed";
    private const string IncompleteSuffix = "-incomplete";

    public string FileName => System.IO.Path.GetFileName(Path);

    public bool IsGood => State == BackupState.Good;

    public static string Name(DateTimeOffset createdAt, BackupState state, bool encrypted = false) =>
        Prefix + Stamp(createdAt) + state switch
        {
            BackupState.Good => "",
            BackupState.Incomplete => IncompleteSuffix,
            _ => FailedSuffix,
        } + Extension + (encrypted ? EncryptedSuffix : "");

    public static string GoodName(DateTimeOffset createdAt) => Name(createdAt, BackupState.Good);

    public static string IncompleteName(DateTimeOffset createdAt) => Name(createdAt, BackupState.Incomplete);

    public static string FailedName(DateTimeOffset createdAt) => Name(createdAt, BackupState.Failed);

    public static string Stamp(DateTimeOffset createdAt) => createdAt.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture);

    public static bool IsEncryptedName(string path) => path.EndsWith(EncryptedSuffix, StringComparison.Ordinal);

    /// <summary>The archives in a folder, newest first.</summary>
    public static IReadOnlyList<BackupArchive> In(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var archives = new List<BackupArchive>();
        foreach (var path in Directory.EnumerateFiles(directory, Prefix + "*"))
        {
            var name = System.IO.Path.GetFileName(path);
            var encrypted = IsEncryptedName(name);
            if (encrypted)
            {
                name = name[..^EncryptedSuffix.Length];
            }

            if (!name.EndsWith(Extension, StringComparison.Ordinal))
            {
                continue;
            }

            var stamp = name[Prefix.Length..^Extension.Length];
            var state = BackupState.Good;
            if (stamp.EndsWith(FailedSuffix, StringComparison.Ordinal))
            {
                (stamp, state) = (stamp[..^FailedSuffix.Length], BackupState.Failed);
            }
            else if (stamp.EndsWith(IncompleteSuffix, StringComparison.Ordinal))
            {
                (stamp, state) = (stamp[..^IncompleteSuffix.Length], BackupState.Incomplete);
            }

            if (DateTimeOffset.TryParseExact(stamp, StampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var createdAt))
            {
                archives.Add(new BackupArchive(path, createdAt, state, encrypted));
            }
        }

        return archives.OrderByDescending(a => a.CreatedAt).ToList();
    }
}
