using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TalentLink.Platform;

/// <summary>
/// The audit trail, as the services that record into it see it. <see cref="RecordAsync"/> runs
/// before the audited action: when it throws <see cref="DependencyUnavailableException"/> the
/// endpoint answers 503 and does nothing, so no admin action or file download escapes the trail.
/// </summary>
public interface IAuditTrail
{
    Task RecordAsync(AuditRecord record, CancellationToken cancellationToken);
}

/// <summary>
/// What happened to what. The actor is not part of it: the Audit service takes it from the bearer
/// token forwarded with the call, so nobody can record in someone else's name.
/// </summary>
/// <param name="SubjectUserId">Whose personal data was touched (the candidate whose CV was downloaded, the suspended user).</param>
public sealed record AuditRecord(string Action, string TargetType, string TargetId, Guid? SubjectUserId = null, string? Details = null);

/// <summary>The actions services record; Audit accepts any lower-case dotted name, so a new service adds its own.</summary>
public static class AuditActions
{
    public const string UserSuspended = "user.suspended";
    public const string UserUnsuspended = "user.unsuspended";
    public const string UserDeleted = "user.deleted";
    public const string OfferHidden = "offer.hidden";
    public const string OfferUnhidden = "offer.unhidden";
    public const string ProfileHidden = "profile.hidden";
    public const string ProfileUnhidden = "profile.unhidden";
    public const string ReportDecided = "report.decided";
    public const string ApplicationFileDownloaded = "application-file.downloaded";
}

public static class AuditTargets
{
    public const string User = "user";
    public const string Offer = "offer";
    public const string Profile = "profile";
    public const string Report = "report";
    public const string ApplicationFile = "application-file";
}

public static class AuditTrailExtensions
{
    public const string ServiceName = TalentLink.ResourceNames.Audit;

    /// <summary>
    /// The recording endpoint takes only calls that carry <see cref="PlatformHeaders.AuditRecordingKey"/> with <c>Audit:RecordingKey</c>, a
    /// key the AppHost gives the Audit service and the services that record: a user's token alone,
    /// sent straight to Audit, cannot write to the trail.
    /// </summary>
    public const string RecordingKeySetting = "Audit:RecordingKey";

    /// <summary>
    /// Records the entry, or returns the 503 problem to answer instead of acting when the trail
    /// cannot take it. Call after the request is validated and before anything is changed or sent.
    /// </summary>
    public static async Task<ProblemHttpResult?> RecordOrRefuseAsync(this IAuditTrail audit, AuditRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(record, cancellationToken);
            return null;
        }
        catch (DependencyUnavailableException ex)
        {
            return ex.ToProblem();
        }
    }

    /// <summary>
    /// Registers <see cref="IAuditTrail"/>: calls to the Audit service (<c>Audit:Url</c>, default
    /// <c>http://audit</c> through service discovery) carrying the caller's bearer token. Someone
    /// waits on every recording, so the pipeline gives up within seconds (then the action is
    /// refused) instead of the standard handler's 30 s (<c>Audit:AttemptTimeout</c>, default 2 s per attempt).
    /// </summary>
    public static IHttpClientBuilder AddAuditTrail(this IHostApplicationBuilder builder)
    {
        var url = builder.Configuration["Audit:Url"] ?? ServiceAddresses.Of(ServiceName);
        builder.Services.AddHttpContextAccessor();

        // Replaces the default handler from AddServiceDefaults (RemoveAllResilienceHandlers is marked experimental).
#pragma warning disable EXTEXP0001
        var client = builder.Services.AddHttpClient<IAuditTrail, AuditTrailClient>(http => http.BaseAddress = new Uri(url))
            .AddAuthToken()
            .RemoveAllResilienceHandlers();
        var attemptTimeout = builder.Configuration.GetValue("Audit:AttemptTimeout", TimeSpan.FromSeconds(2));
        client.AddStandardResilienceHandler(options =>
        {
            options.AttemptTimeout.Timeout = attemptTimeout;
            options.Retry.MaxRetryAttempts = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.TotalRequestTimeout.Timeout = attemptTimeout * 3;
            options.CircuitBreaker.SamplingDuration = attemptTimeout * 5;
        });
#pragma warning restore EXTEXP0001
        return client;
    }

    private sealed class AuditTrailClient(HttpClient http, IHttpContextAccessor httpContextAccessor, IConfiguration configuration) : IAuditTrail
    {
        public const string RecordPath = "/internal/audit/entries";

        public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
        {
            // The address the service saw: behind the gateway, the one it forwarded (see GatewayForwardingExtensions).
            var clientAddress = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
            using var request = new HttpRequestMessage(HttpMethod.Post, RecordPath)
            {
                Content = JsonContent.Create(new
                {
                    record.Action,
                    record.TargetType,
                    record.TargetId,
                    record.SubjectUserId,
                    record.Details,
                    clientAddress,
                }),
            };
            if (configuration[RecordingKeySetting] is { Length: > 0 } key)
            {
                request.Headers.Add(PlatformHeaders.AuditRecordingKey, key);
            }

            using var response = await http.SendToDependencyAsync(request, ServiceName, cancellationToken);
            response.EnsureDependencySuccess(ServiceName);
        }
    }
}
