namespace TalentLink.Operations.Backup;

/// <summary>What an archive is worth, as its file name says.</summary>
public enum BackupState
{
    /// <summary>Verified, and it holds every store the platform runs on.</summary>
    Good,

    /// <summary>Verified, but a store could not be included (its tool missing, its server down): never counted as a backup.</summary>
    Incomplete,

    /// <summary>Failed its own verification: never counted as a backup.</summary>
    Failed,
}
