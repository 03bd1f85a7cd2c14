namespace TalentLink.Offers.Apis;

/// <summary>The file retention rule, as admins see it before the daily job applies it.</summary>
public static class RetentionApi
{
    public static RouteGroupBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("api/offers/retention").WithTags("Retention").RequireAuthorization(Policies.Admin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/preview", Preview).WithName("PreviewApplicationFileRetention")
            .WithSummary("Dry run: how many CVs and cover letters (applications, files, bytes) the daily retention job would delete now");

        return api;
    }

    public static async Task<Ok<RetentionPreviewResponse>> Preview(
        ApplicationFileRetention retention, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(await retention.PreviewAsync(time.GetUtcNow(), cancellationToken));
}
