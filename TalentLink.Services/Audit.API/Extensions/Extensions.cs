using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentLink.Data;

namespace TalentLink.Audit.Extensions;

internal static class Extensions
{
    public const string DatabaseName = "auditdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<AuditContext, SqliteAuditContext, PostgresAuditContext>(DatabaseName);
        builder.AddDefaultAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
    }
}
