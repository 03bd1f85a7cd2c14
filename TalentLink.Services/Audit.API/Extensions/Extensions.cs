using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentLink.Data;

namespace TalentLink.Audit.Extensions;

internal static class Extensions
{

    /// <summary>A signed-in caller (the actor) whose call comes through a service holding the recording key.</summary>
    public const string RecorderPolicy = "recorder";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuditContext, SqliteAuditContext, PostgresAuditContext>(ResourceNames.AuditDb);
        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(RecorderPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => SharedKeys.Presented(context, PlatformHeaders.AuditRecordingKey, builder.Configuration[AuditTrailExtensions.RecordingKeySetting])));
        builder.Services.TryAddSingleton(TimeProvider.System);
    }
}
