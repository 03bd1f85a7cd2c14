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
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
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
            return OfferProblems.NotYourData();
        }

        if (await personalData.FindOwnFileAsync(userId, fileId, cancellationToken) is not { } found || !File.Exists(found.Path))
        {
            return OfferProblems.UserFileNotFound(fileId);
        }

        return FileResponses.Attachment(http.Response, found.Path, found.File);
    }
}
