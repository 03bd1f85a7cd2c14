using Microsoft.Extensions.Options;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Worker.Services;

/// <summary>
/// Runs one backup at a time, for both the schedule and the on-demand trigger; a second request
/// while one runs is told so instead of queuing a duplicate archive. Archives are encrypted when
/// <c>Replication:EncryptionKey</c> is configured.
/// </summary>
public sealed class BackupRunner(BackupService backups, IConfiguration configuration, IOptionsMonitor<OperationsOptions> options)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public DateTimeOffset? LastRun { get; private set; }

    /// <summary>Null when another backup is already running.</summary>
    public async Task<BackupResult?> TryRunAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(0, cancellationToken))
        {
            return null;
        }

        try
        {
            var settings = options.CurrentValue;
            var cipher = ArchiveEncryption.FromConfiguration(configuration);
            var result = await Task.Run(() => backups.BackupAsync(DataSources.From(configuration, settings), settings.ResolvedBackupDirectory, settings.RetentionDays, cancellationToken, settings.StageSnapshotsInMemory, cipher), cancellationToken);
            LastRun = result.Archive.CreatedAt;
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
