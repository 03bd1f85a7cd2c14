using System.Security.Claims;

namespace TalentLink.Auth.Apis;

/// <summary>
/// A signed-in user asks for a copy of all their personal data, follows its preparation and
/// downloads the archive. Only the owner sees or downloads an export (404 for anyone else); the
/// archive expires (410).
/// </summary>
public static class DataExportApi
{
    public static RouteGroupBuilder MapDataExportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/auth/exports").WithTags("Personal data").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/", RequestExport).WithName("RequestExport").WithSummary("Ask for an archive of all your personal data; it is prepared in the background");
        api.MapGet("/{id:guid}", GetExport).ProducesProblem(StatusCodes.Status404NotFound).WithName("GetExport").WithSummary("One of your exports and whether it is ready");
        api.MapGet("/{id:guid}/archive", DownloadExport)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .WithName("DownloadExport")
            .WithSummary("Download your export (zip) until it expires");
        return api;
    }

    public static async Task<Accepted<DataExportResponse>> RequestExport(
        ClaimsPrincipal principal, AuthContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var export = await context.DataExports.AsNoTracking()
            .SingleOrDefaultAsync(e => e.UserId == userId && e.Status == DataExportStatuses.Pending, cancellationToken);
        if (export is null)
        {
            export = new DataExport { UserId = userId, RequestedAt = time.GetUtcNow() };
            context.DataExports.Add(export);
            await context.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted($"/api/auth/exports/{export.Id}", DataExportResponse.From(export, time.GetUtcNow()));
    }

    public static async Task<Results<Ok<DataExportResponse>, ProblemHttpResult>> GetExport(
        Guid id, ClaimsPrincipal principal, AuthContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = principal.GetUserId();
        var export = await context.DataExports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        return export is null ? AuthProblems.ExportNotFound(id) : TypedResults.Ok(DataExportResponse.From(export, time.GetUtcNow()));
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadExport(
        Guid id, HttpContext http, AuthContext context, ExportArchiveStore archives, TimeProvider time, CancellationToken cancellationToken)
    {
        var userId = http.User.GetUserId();
        var export = await context.DataExports.SingleOrDefaultAsync(e => e.Id == id && e.UserId == userId, cancellationToken);
        if (export is null)
        {
            return AuthProblems.ExportNotFound(id);
        }

        if (export.Status == DataExportStatuses.Ready
            && (export.ExpiresAt <= time.GetUtcNow() || export.ArchiveName is null || !File.Exists(archives.PathOf(export.ArchiveName))))
        {
            // The link has expired (or its file is gone, as after a restore): the archive is dropped for good, once that is saved.
            var names = ExportArchivePurge.Expire(export).ToList();
            await context.SaveChangesAsync(cancellationToken);
            names.ForEach(archives.Delete);
        }

        if (export.Status == DataExportStatuses.Ready)
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return TypedResults.PhysicalFile(archives.PathOf(export.ArchiveName!), "application/zip", $"talentlink-export-{export.RequestedAt:yyyyMMdd}.zip");
        }

        return export.Status switch
        {
            DataExportStatuses.Expired => AuthProblems.ExportExpired(id, export.ExpiresAt),
            DataExportStatuses.Failed => AuthProblems.ExportFailed(export.Error),
            _ => AuthProblems.ExportNotReady(id),
        };
    }
}
