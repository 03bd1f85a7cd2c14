namespace TalentLink.Offers.Apis;

/// <summary>
/// <c>GET /api/offers/personal-data/{userId}/files/{fileId}</c>: one of the user's own CV or
/// cover-letter files, for their export archive (the user themself, or Auth's service token).
/// </summary>
public static class PersonalDataFilesApi
{
    public static RouteGroupBuilder MapPersonalDataFiles(this RouteGroupBuilder personalData)
    {
        personalData.MapGet("/{userId:guid}/files/{fileId:guid}", DownloadOwnFile)
            .RequireAuthorization(Policies.UserOrService)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ExportOffersPersonalDataFile")
            .WithSummary("One of the user's CV or cover-letter files, for their export");
        return personalData;
    }

    public static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadOwnFile(
        Guid userId, Guid fileId, HttpContext http, OffersPersonalData personalData, CancellationToken cancellationToken)
    {
        if (!http.User.MayReadPersonalDataOf(userId))
        {
            return TypedResults.Problem("Only the user themself can export their files.", statusCode: StatusCodes.Status403Forbidden, title: "Not your data");
        }

        if (await personalData.FindOwnFileAsync(userId, fileId, cancellationToken) is not { } found || !File.Exists(found.Path))
        {
            return TypedResults.Problem($"The user has no file {fileId}.", statusCode: StatusCodes.Status404NotFound, title: "File not found");
        }

        return FileResponses.Attachment(http.Response, found.Path, found.File);
    }
}
