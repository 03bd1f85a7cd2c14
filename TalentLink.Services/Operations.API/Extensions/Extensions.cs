using Cronos;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Api.Extensions;

internal static class Extensions
{
    /// <summary>Admins (JWT) or the AppHost's dashboard commands (the shared key header).</summary>
    public const string OperatorPolicy = "operator";
    public const string CommandKeyHeader = "X-Operations-Key";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperationsOptions>()
            .BindConfiguration(OperationsOptions.SectionName)
            .Validate(o => o.RetentionDays >= 1, "Operations:RetentionDays must be at least 1.")
            .Validate(o => CronExpression.TryParse(o.BackupSchedule, out _), "Operations:BackupSchedule must be a cron expression such as '0 2 * * *'.")
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BackupService>();
        builder.Services.AddSingleton<BackupRunner>();
        builder.Services.AddHostedService<BackupScheduler>();

        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || HasCommandKey(context, builder.Configuration["Operations:CommandKey"])));
    }

    private static bool HasCommandKey(AuthorizationHandlerContext context, string? key) =>
        !string.IsNullOrEmpty(key)
        && context.Resource is HttpContext http
        && http.Request.Headers[CommandKeyHeader].ToString() is { Length: > 0 } presented
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(key));
}
