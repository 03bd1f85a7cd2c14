using System.Globalization;
using System.Text;
using TalentLink.Operations.Advice;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Migration;

namespace TalentLink.Operations;

/// <summary>Plain-text reports shared by the command line and the dashboard commands.</summary>
public static class OperationsReport
{
    public static string Backup(BackupResult result)
    {
        var text = new StringBuilder();
        var headline = result.State switch
        {
            BackupState.Good => "Backup OK",
            BackupState.Incomplete => "Backup INCOMPLETE (not a good backup)",
            _ => "Backup FAILED verification",
        };
        text.AppendLine(CultureInfo.InvariantCulture, $"{headline}: {result.Archive.Path} ({new FileInfo(result.Archive.Path).Length:N0} bytes, {result.Duration.TotalSeconds:F1} s)");
        foreach (var missing in result.Missing)
        {
            text.AppendLine("  missing: " + missing);
        }

        text.AppendLine(result.IsEncrypted
            ? $"  encrypted under key {result.KeyFingerprint}"
            : $"  warning: NOT encrypted ({ArchiveEncryption.KeySetting} is not configured)");
        foreach (var (database, snapshot) in result.Manifest.Databases.Zip(result.Snapshots))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {database.FileName}: {database.RowCounts.Values.Sum():N0} rows in {database.RowCounts.Count} tables, snapshot {snapshot.Duration.TotalMilliseconds:N0} ms, WAL {snapshot.WalBytesAfterSnapshot:N0} → {snapshot.WalBytesAfterCheckpoint:N0} bytes");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  files: {result.Manifest.Files.Count} ({result.Manifest.Files.Sum(f => f.Bytes):N0} bytes)");
        foreach (var note in result.Manifest.Notes)
        {
            text.AppendLine("  note: " + note);
        }

        foreach (var problem in result.Verification.Problems)
        {
            text.AppendLine("  problem: " + problem);
        }

        foreach (var deleted in result.Deleted)
        {
            text.AppendLine("  retention deleted " + deleted.FileName);
        }

        return text.ToString().TrimEnd();
    }

    public static string Migration(IReadOnlyList<ServiceMigration> results)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"service",-12} {"table",-28} {"sqlite rows",12} {"postgres rows",14} {"checksum",-18} {"ok",3} {"copy ms",8}");
        foreach (var service in results)
        {
            foreach (var table in service.Tables)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{service.Service,-12} {table.Table,-28} {table.SourceRows,12:N0} {table.TargetRows,14:N0} {table.TargetChecksum,-18} {(table.Matches ? "yes" : "NO"),3} {table.CopyTime.TotalMilliseconds,8:N0}");
            }
        }

        var ok = results.All(r => r.Matches);
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{(ok ? "Migration complete: every table's rows and checksum match." : "Migration MISMATCH: see the rows marked NO.")} {results.Sum(r => r.Tables.Sum(t => t.TargetRows)):N0} rows in {results.Sum(r => r.Duration.TotalSeconds):F1} s.");
        if (ok && results.Count > 0)
        {
            text.AppendLine("Next: set Database:Provider=Postgres (and the same ConnectionStrings:postgres / layout) in the AppHost and restart.");
        }

        return text.ToString().TrimEnd();
    }

    public static string Advice(CapacityAdvice advice)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Overall: {CapacityAdvisor.Describe(advice.Overall)} — all data {CapacityAdvisor.Megabytes(advice.TotalBytes)} / 2 GB, peak users {advice.PeakActiveUsers} / {CapacityAdvisor.UsersThreshold}");
        foreach (var service in advice.Services)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {service.Service.Database}: {CapacityAdvisor.Describe(service.Recommendation)} — size {CapacityAdvisor.Megabytes(service.Service.SizeBytes)} / 500 MB, lock wait {service.Service.LockWaitShare:P1}");
            foreach (var reason in service.Reasons)
            {
                text.AppendLine("      " + reason);
            }
        }

        return text.ToString().TrimEnd();
    }
}
