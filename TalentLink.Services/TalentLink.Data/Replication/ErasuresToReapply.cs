using System.Text.Json;

namespace TalentLink.Data.Replication;

/// <summary>
/// Accounts erased after the instant a database was restored to. A point-in-time restore brings
/// back a past state, but an erasure is a promise to the person: <c>talentlink restore --to</c>
/// compares the restored account-deletion log with the newest one in the replica and leaves the
/// deletions the restored state lacks in <c>&lt;db&gt;.erasures.json</c> beside the database; Auth
/// erases those accounts again at its next start (through its own deletion workflow, so every
/// service erases its part) and then removes the file. Only the hash of a user id is kept, as in
/// the deletion log itself.
/// </summary>
public sealed record ErasuresToReapply(IReadOnlyList<ErasureToReapply> Erasures)
{
    public const string FileSuffix = ".erasures.json";

    /// <summary>The table of the account-deletion log, by which a restore recognises Auth's database.</summary>
    public const string DeletionLogTable = "account_deletions";

    public static string PathFor(string databasePath) => databasePath + FileSuffix;

    public static ErasuresToReapply? Load(string databasePath) =>
        File.Exists(PathFor(databasePath)) ? JsonSerializer.Deserialize<ErasuresToReapply>(File.ReadAllBytes(PathFor(databasePath)), DatabaseTimeline.Json) : null;

    public void Save(string databasePath) => File.WriteAllBytes(PathFor(databasePath), JsonSerializer.SerializeToUtf8Bytes(this, DatabaseTimeline.Json));
}

public sealed record ErasureToReapply(string SubjectHash, string Reason);
