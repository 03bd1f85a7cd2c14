using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TalentLink.Reports.Extensions;

internal static class Extensions
{

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReportContext, SqliteReportContext, PostgresReportContext>(ResourceNames.ReportDb);
        builder.AddDefaultAuthentication();
        builder.Services.AddScoped<IPersonalDataStore, ReportsPersonalData>();

        builder.Services.TryAddSingleton(TimeProvider.System);

        // Decisions take effect, and statistics come from, the services that own the data.
        builder.Services.AddServiceClients();

        // Every decision (resolve or dismiss) is recorded before it takes effect.
        builder.AddAuditTrail();
    }
}
