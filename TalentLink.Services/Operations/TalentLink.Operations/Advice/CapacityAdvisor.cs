namespace TalentLink.Operations.Advice;

public enum Recommendation
{
    StayOnSqlite,
    PlanMoveToPostgres,
    MoveToPostgresNow,
    AlreadyOnPostgres,
}

public sealed record ServiceAdvice(ServiceCapacity Service, Recommendation Recommendation, IReadOnlyList<string> Reasons);

public sealed record CapacityAdvice(IReadOnlyList<ServiceAdvice> Services, long TotalBytes, int PeakActiveUsers, Recommendation Overall);

/// <summary>
/// When should TalentLink move to PostgreSQL? Per service, against the design's thresholds: a
/// database over 500 MB, all data over 2 GB, 50 concurrent users, and time queued for the single
/// SQLite writer. Crossing 80 % of a threshold means "plan the move"; crossing one means "plan" too,
/// unless the writer is already a bottleneck (lock-wait share ≥ 20 %), two thresholds are crossed,
/// or a file is over twice its limit — then "move now".
/// </summary>
public static class CapacityAdvisor
{
    public const long DatabaseThresholdBytes = 500L * 1024 * 1024;
    public const long TotalThresholdBytes = 2L * 1024 * 1024 * 1024;
    public const int UsersThreshold = 50;
    public const double LockWaitWarning = 0.05;
    public const double LockWaitCritical = 0.20;
    private const double Early = 0.8;

    public static CapacityAdvice Advise(CapacitySnapshot snapshot)
    {
        var peakUsers = snapshot.Services.Count == 0 ? 0 : snapshot.Services.Max(s => s.PeakActiveUsers);
        var advice = snapshot.Services.Select(s => AdviseOne(s, snapshot.TotalBytes, peakUsers)).ToList();
        var overall = advice.Count == 0 ? Recommendation.StayOnSqlite : advice.Max(a => a.Recommendation);
        if (overall == Recommendation.AlreadyOnPostgres && advice.Any(a => a.Recommendation != Recommendation.AlreadyOnPostgres))
        {
            overall = advice.Where(a => a.Recommendation != Recommendation.AlreadyOnPostgres).Max(a => a.Recommendation);
        }

        return new CapacityAdvice(advice, snapshot.TotalBytes, peakUsers, overall);
    }

    private static ServiceAdvice AdviseOne(ServiceCapacity service, long totalBytes, int peakUsers)
    {
        var reasons = new List<string>();
        if (service.Provider == DatabaseProvider.Postgres)
        {
            reasons.Add($"Runs on PostgreSQL ({Megabytes(service.SizeBytes)}).");
            return new ServiceAdvice(service, Recommendation.AlreadyOnPostgres, reasons);
        }

        var crossed = 0;
        var early = 0;
        Check(service.SizeBytes, DatabaseThresholdBytes, $"database {Megabytes(service.SizeBytes)} vs {Megabytes(DatabaseThresholdBytes)}");
        Check(totalBytes, TotalThresholdBytes, $"all data {Megabytes(totalBytes)} vs {Megabytes(TotalThresholdBytes)}");
        Check(peakUsers, UsersThreshold, $"peak concurrent users {peakUsers} vs {UsersThreshold}");
        Check(service.LockWaitShare, LockWaitWarning, $"write-lock wait share {service.LockWaitShare:P1} vs {LockWaitWarning:P0}");

        var recommendation =
            service.LockWaitShare >= LockWaitCritical || crossed >= 2 || service.SizeBytes >= 2 * DatabaseThresholdBytes ? Recommendation.MoveToPostgresNow
            : crossed + early > 0 ? Recommendation.PlanMoveToPostgres
            : Recommendation.StayOnSqlite;
        if (reasons.Count == 0)
        {
            reasons.Add($"Well within every threshold ({Megabytes(service.SizeBytes)}, {peakUsers} peak users, {service.LockWaitShare:P1} lock wait).");
        }

        if (service.ObservedSince is null)
        {
            reasons.Add("No load figures yet (the service has not written capacity stats here): users and lock waits count as zero.");
        }

        return new ServiceAdvice(service, recommendation, reasons);

        void Check(double value, double threshold, string description)
        {
            if (value >= threshold)
            {
                crossed++;
                reasons.Add("Over: " + description + ".");
            }
            else if (value >= threshold * Early)
            {
                early++;
                reasons.Add("Near: " + description + ".");
            }
        }
    }

    public static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):N1} MB";

    public static string Describe(Recommendation recommendation) => recommendation switch
    {
        Recommendation.StayOnSqlite => "stay on SQLite",
        Recommendation.PlanMoveToPostgres => "plan the move to PostgreSQL",
        Recommendation.MoveToPostgresNow => "move to PostgreSQL now",
        _ => "already on PostgreSQL",
    };
}
