using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using TalentLink.Audit.Infrastructure.EntityConfigurations;

namespace TalentLink.Audit.Apis;

/// <summary>
/// Recording, for the other services only: it lives outside <c>/api/audit</c>, so the gateway
/// never routes it, and it is left out of the public API description. Only calls carrying the
/// services' recording key get in (a user's token sent straight here is refused). The actor is
/// whoever the forwarded token names, so a service cannot record in someone else's name.
/// </summary>
public static partial class RecordingApi
{
    public const string RecordPath = "/internal/audit/entries";

    public static RouteGroupBuilder MapRecordingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("").RequireAuthorization(Extensions.Extensions.RecorderPolicy).ExcludeFromDescription();
        api.MapPost(RecordPath, Record).WithName("RecordAuditEntry")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    public static async Task<Results<Created<AuditEntryResponse>, ValidationProblem>> Record(
        RecordEntryRequest request, ClaimsPrincipal user, [AsParameters] AuditServices services, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } errors)
        {
            return AuditProblems.Invalid(errors);
        }

        var now = services.Time.GetUtcNow();
        var entry = new AuditEntry
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            ActorId = user.GetUserId(),
            ActorRole = user.GetRole() ?? "unknown",
            Action = request.Action!,
            TargetType = request.TargetType!,
            TargetId = request.TargetId!,
            SubjectUserId = request.SubjectUserId,
            ClientAddress = request.ClientAddress,
            Details = request.Details,
        };
        services.Context.Entries.Add(entry);
        await services.Context.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/audit/entries?targetType={entry.TargetType}&targetId={entry.TargetId}", AuditEntryResponse.From(entry));
    }

    /// <summary>A lower-case dotted or dashed name: <c>user.suspended</c>, <c>application-file</c>.</summary>
    public static bool IsName(string? value) => value is { Length: > 0 and <= AuditEntryEntityTypeConfiguration.NameMaxLength } && NamePattern().IsMatch(value);

    private static Dictionary<string, string[]>? Validate(RecordEntryRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (!IsName(request.Action))
        {
            errors["action"] = [NameRule("action")];
        }

        if (!IsName(request.TargetType))
        {
            errors["targetType"] = [NameRule("targetType")];
        }

        if (string.IsNullOrWhiteSpace(request.TargetId) || request.TargetId.Length > AuditEntryEntityTypeConfiguration.NameMaxLength)
        {
            errors["targetId"] = [$"targetId is required, at most {AuditEntryEntityTypeConfiguration.NameMaxLength} characters."];
        }

        if (request.ClientAddress is not null && !IPAddress.TryParse(request.ClientAddress, out _))
        {
            errors["clientAddress"] = ["clientAddress must be an IPv4 or IPv6 address."];
        }

        if (request.Details is { Length: > AuditEntryEntityTypeConfiguration.DetailsMaxLength })
        {
            errors["details"] = [$"details is at most {AuditEntryEntityTypeConfiguration.DetailsMaxLength} characters."];
        }

        return errors.Count == 0 ? null : errors;
    }

    public static string NameRule(string field) =>
        $"{field} must be 1 to {AuditEntryEntityTypeConfiguration.NameMaxLength} lower-case letters, digits, '.' or '-', starting with a letter.";

    [GeneratedRegex("^[a-z][a-z0-9.-]*$")]
    private static partial Regex NamePattern();
}
