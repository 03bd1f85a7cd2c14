using Cronos;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TalentLink.Operations.Backup;

namespace TalentLink.Operations.Worker.Extensions;

internal static class Extensions
{
    /// <summary>Admins (JWT) or the AppHost's dashboard commands (the shared key header).</summary>
    public const string OperatorPolicy = "operator";

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
        builder.AddPostgresContinuousBackup();

        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(Roles.Admin) || SharedKeys.Presented(context, PlatformHeaders.OperationsKey, builder.Configuration["Operations:CommandKey"])));
    }
}
