using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace TalentLink.Platform;

/// <summary>
/// What one service holds about one user, for the data-protection rights: an export (a JSON
/// document, plus files) and an erasure. Erasure is idempotent: a second call finds nothing left
/// to erase and succeeds.
/// </summary>
public interface IPersonalDataStore
{
    /// <summary>The user's data in this service, serialised as JSON in the export archive.</summary>
    Task<object> ExportAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Erases or anonymises everything this service holds about the user.</summary>
    Task EraseAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>
/// <c>GET /api/{service}/personal-data/{userId}</c> (the user themself, or Auth's service token) and
/// <c>DELETE /api/{service}/personal-data/{userId}</c> (Auth's service token only). Auth calls these
/// on every service listed in its <c>PersonalData:Services</c> configuration.
/// </summary>
public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalDataApi(this IEndpointRouteBuilder app, string service)
    {
        var api = app.MapGroup($"api/{service}/personal-data").WithTags("Personal data")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapGet("/{userId:guid}", ExportPersonalData)
            .RequireAuthorization(Policies.UserOrService)
            .WithName($"Export{Capitalise(service)}PersonalData")
            .WithSummary("Everything this service holds about a user (the user themself, or Auth for an export)");
        api.MapDelete("/{userId:guid}", ErasePersonalData)
            .RequireAuthorization(Policies.Service)
            .WithName($"Erase{Capitalise(service)}PersonalData")
            .WithSummary("Erase or anonymise a deleted user's data (Auth's service token only; idempotent)");

        return api;
    }

    public static async Task<Results<Ok<object>, ProblemHttpResult>> ExportPersonalData(
        Guid userId, ClaimsPrincipal principal, IPersonalDataStore store, CancellationToken cancellationToken)
    {
        if (!principal.MayReadPersonalDataOf(userId))
        {
            return TypedResults.Problem("Only the user themself can export their personal data.",
                statusCode: StatusCodes.Status403Forbidden, title: "Not your data");
        }

        return TypedResults.Ok(await store.ExportAsync(userId, cancellationToken));
    }

    public static async Task<NoContent> ErasePersonalData(Guid userId, IPersonalDataStore store, CancellationToken cancellationToken)
    {
        await store.EraseAsync(userId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The user themself, or Auth's service token (assembling an export).</summary>
    public static bool MayReadPersonalDataOf(this ClaimsPrincipal principal, Guid userId) =>
        principal.IsInRole(Roles.Service)
        || (Guid.TryParse(principal.FindFirstValue(TalentLinkClaims.Subject), out var caller) && caller == userId);

    private static string Capitalise(string service) => char.ToUpperInvariant(service[0]) + service[1..];
}
