using TalentLink.Operations.Advice;
using TalentLink.Operations.Backup;
using TalentLink.Operations.Worker.Services;
using TalentLink.Operations.Catalog;

namespace TalentLink.Operations.Worker.Apis;

public static class OperationsApi
{
    public static RouteGroupBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/operations")
            .WithTags("Operations")
            .RequireAuthorization(Extensions.Extensions.OperatorPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/backups", BackupNowAsync)
            .WithName("BackupNow")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Write and verify a backup archive now");
        api.MapGet("/backups", ListBackups)
            .WithName("ListBackups")
            .WithSummary("The archives in the backup folder, newest first");
        api.MapGet("/replication", GetReplicationStatusAsync)
            .WithName("GetContinuousBackupStatus")
            .WithSummary("Continuous backup per database and the uploads: last shipped commit, lag, restorable window, replica size")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet("/advice", GetAdvice)
            .WithName("GetCapacityAdvice")
            .WithSummary("Per-service capacity figures and the SQLite/PostgreSQL recommendation");

        return api;
    }

    public static async Task<Results<Created<BackupResponse>, ProblemHttpResult>> BackupNowAsync(
        [AsParameters] OperationsServices services, CancellationToken cancellationToken)
    {
        var result = await services.Backups.TryRunAsync(cancellationToken);
        if (result is null)
        {
            return OperationsProblems.BackupAlreadyRunning();
        }

        if (result.State == BackupState.Incomplete)
        {
            return OperationsProblems.BackupIncomplete(result.Archive.FileName, result.Missing);
        }

        if (!result.IsGood)
        {
            return OperationsProblems.BackupFailedVerification(result.Archive.FileName, result.Verification.Problems);
        }

        return TypedResults.Created($"/api/operations/backups/{result.Archive.FileName}", ToResponse(result));
    }

    public static Ok<IReadOnlyList<ArchiveResponse>> ListBackups([AsParameters] OperationsServices services) =>
        TypedResults.Ok<IReadOnlyList<ArchiveResponse>>(BackupArchive.In(services.Options.Value.ResolvedBackupDirectory)
            .Select(a => new ArchiveResponse(a.FileName, a.CreatedAt, a.IsGood, new FileInfo(a.Path).Length, StateName(a.State), a.IsEncrypted))
            .ToList());

    public static async Task<Results<Ok<ReplicationStatusResponse>, ProblemHttpResult>> GetReplicationStatusAsync(
        [AsParameters] OperationsServices services, PostgresContinuousBackup postgres, CancellationToken cancellationToken)
    {
        try
        {
            var report = await TalentLink.Operations.Replication.ContinuousBackupReport.ReadAsync(
                services.Configuration, services.Options.Value, TimeProvider.System, postgres.State, cancellationToken);
            return TypedResults.Ok(new ReplicationStatusResponse(report));
        }
        catch (TalentLink.Data.Replication.ReplicaUnavailableException ex)
        {
            return OperationsProblems.ReplicaUnreadable(ex.Message);
        }
    }

    public static Ok<AdviceResponse> GetAdvice([AsParameters] OperationsServices services)
    {
        var sources = DataSources.From(services.Configuration, services.Options.Value);
        var advice = CapacityAdvisor.Advise(CapacitySnapshot.Read(sources, ServiceContexts.Discover()));
        return TypedResults.Ok(new AdviceResponse(
            CapacityAdvisor.Describe(advice.Overall), advice.TotalBytes, advice.PeakActiveUsers,
            advice.Services.Select(s => new ServiceAdviceResponse(s.Service.Database, s.Service.Provider.ToString(), CapacityAdvisor.Describe(s.Recommendation),
                s.Service.SizeBytes, s.Service.PeakActiveUsers, s.Service.LockWaitShare, s.Reasons)).ToList(),
            OperationsReport.Advice(advice)));
    }

    private static BackupResponse ToResponse(BackupResult result) => new(
        result.Archive.FileName, result.Archive.CreatedAt, result.IsGood, new FileInfo(result.Archive.Path).Length, result.Duration.TotalSeconds,
        result.Manifest.Databases.Select(d => d.FileName).ToList(), result.Manifest.Files.Count, result.Manifest.Notes, result.Verification.Problems,
        OperationsReport.Backup(result), StateName(result.State), result.Missing, result.IsEncrypted);

    private static string StateName(BackupState state) => state.ToString().ToLowerInvariant();
}
