using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalentLink.Data;
using TalentLink.Data.Replication;

namespace TalentLink.Offers.Extensions;

internal static class Extensions
{

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OffersContext, SqliteOffersContext, PostgresOffersContext>(ResourceNames.OffersDb);
        builder.AddDefaultAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddPublicOfferCache();

        builder.Services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        string Root(IServiceProvider sp) => UploadsLocation.Resolve(sp.GetRequiredService<IOptions<UploadOptions>>().Value.Path, sp.GetRequiredService<ServiceDatabase>(), builder.Environment);
        builder.AddUploadReplication(Root);
        builder.Services.TryAddSingleton<FileDurability>();
        builder.Services.AddSingleton(sp => new UploadStore(
            Root(sp),
            sp.GetRequiredService<IOptions<UploadOptions>>().Value.MaxFileBytes,
            sp.GetRequiredService<ILogger<UploadStore>>(),
            sp.GetService<UploadReplicator>(),
            sp.GetRequiredService<FileDurability>()));

        builder.Services.AddScoped<ApplicationSubmission>();
        builder.Services.AddScoped<OffersPersonalData>();
        builder.Services.AddScoped<IPersonalDataStore>(sp => sp.GetRequiredService<OffersPersonalData>());

        builder.AddProfilesClient();

        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.Schedule, out _), "Retention:Schedule must be a cron expression such as '30 3 * * *'.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApplicationFileRetention>();
        builder.Services.AddHostedService<ApplicationFileRetentionJob>();

        // CV and cover-letter downloads are recorded before the file is sent (see ApplicationsApi.DownloadFile).
        builder.AddAuditTrail();
    }

    /// <summary>
    /// Profiles is called while a recruiter waits for an offer to be saved, so the pipeline gives up
    /// in seconds (then the offer is saved with its company marked unavailable) instead of the
    /// standard handler's 30 s.
    /// </summary>
    private static void AddProfilesClient(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProfilesOptions>()
            .BindConfiguration(ProfilesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Replaces the default handler from AddServiceDefaults (RemoveAllResilienceHandlers is marked experimental).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<ProfilesClient>((sp, http) =>
                http.BaseAddress = new Uri(sp.GetRequiredService<IOptions<ProfilesOptions>>().Value.Url))
            .AddAuthToken()
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                options.Retry.MaxRetryAttempts = 2;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(6);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            });
#pragma warning restore EXTEXP0001
    }
}
