using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TalentLink.Data;

/// <summary>Applies a context's migrations (then an optional seed) when the host starts.</summary>
public static class MigrateDbContextExtensions
{
    public const string ActivitySourceName = "TalentLink.Data.Migrations";
    private static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    public static IServiceCollection AddMigration<TContext>(this IServiceCollection services, Func<TContext, IServiceProvider, Task>? seeder = null)
        where TContext : DbContext =>
        services.AddHostedService(sp => new MigrationHostedService<TContext>(sp, seeder ?? ((_, _) => Task.CompletedTask)));

    private static async Task MigrateAsync<TContext>(IServiceProvider services, Func<TContext, IServiceProvider, Task> seeder, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        using var scope = services.CreateScope();
        var scopedServices = scope.ServiceProvider;
        var logger = scopedServices.GetRequiredService<ILogger<TContext>>();
        var context = scopedServices.GetRequiredService<TContext>();

        using var activity = ActivitySource.StartActivity($"Migrating {typeof(TContext).Name}");
        try
        {
            logger.LogInformation("Migrating database for {DbContext} on {Provider}", typeof(TContext).Name, context.Database.ProviderName);
            var strategy = context.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await PostgresSchemas.EnsureCreatedAsync(context, cancellationToken);
                await context.Database.MigrateAsync(cancellationToken);
                await seeder(context, scopedServices);
            });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An error occurred while migrating the database used on context {DbContext}", typeof(TContext).Name);
            activity?.AddException(ex);
            throw;
        }
    }

    private sealed class MigrationHostedService<TContext>(IServiceProvider services, Func<TContext, IServiceProvider, Task> seeder)
        : BackgroundService where TContext : DbContext
    {
        // Migrate before the server accepts requests: StartAsync runs before Kestrel starts listening.
        public override Task StartAsync(CancellationToken cancellationToken) => MigrateAsync(services, seeder, cancellationToken);

        protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
    }
}
