using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalentLink.Data;

namespace TalentLink.Auth.Extensions;

internal static class Extensions
{
    public const string SignInRateLimitPolicy = "sign-in";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddServiceDatabase<AuthContext, SqliteAuthContext, PostgresAuthContext>(ResourceNames.AuthDb, AuthContextSeed.SeedAsync);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<PasswordHashing>();
        builder.Services.AddSingleton<SignInBackoff>();
        builder.AddSigningKeys();
        builder.Services.AddScoped<TokenService>();

        // Auth validates its own tokens with the keys it holds; other services use its JWKS. It applies
        // the same revocation rule as every service, reading the feed it publishes from its database
        // (registered first, so the HTTP feed of the service defaults is not).
        builder.Services.AddSingleton<ITokenRevocationFeed, LocalTokenRevocationFeed>();
        builder.Services.AddScoped<RevocationPublisher>();
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<LocalSigningConfiguration>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<LocalSigningConfiguration>((options, local) => options.ConfigurationManager = local);
        builder.Services.AddOptions<JwtBearerOptions>(ServiceTokens.Scheme)
            .Configure<LocalSigningConfiguration>((options, local) => options.ConfigurationManager = local);

        builder.AddSignInRateLimiting();
        // Suspensions and deletions by an admin are recorded before they take effect.
        builder.AddAuditTrail();
        builder.AddPersonalData();
    }

    /// <summary>
    /// The token signing keys: encrypted at rest under the operator's secret, loaded before the first
    /// request (after the database's migrations, whose hosted service is registered before), rotated on schedule.
    /// </summary>
    private static void AddSigningKeys(this IHostApplicationBuilder builder)
    {
        // Checked while the host is built, before anything starts, so the error names the setting.
        if (SigningKeyOptions.SecretProblem(builder.Configuration[SigningKeyOptions.ProtectionSecretSetting]) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        builder.Services.AddOptions<SigningKeyOptions>()
            .BindConfiguration(SigningKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.PublishAhead < o.RotationInterval, SigningKeyOptions.PublishAheadMessage)
            .ValidateOnStart();
        builder.Services.AddSingleton<SigningKeyProtector>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<SigningKeyRotation>();
        builder.Services.AddHostedService<SigningKeyRotationJob>();
    }

    /// <summary>Account deletion (the outbox and its dispatcher) and the token revocation feed.</summary>
    private static void AddPersonalData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PersonalDataOptions>()
            .BindConfiguration(PersonalDataOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.ExportPurgeSchedule, out _), "PersonalData:ExportPurgeSchedule must be a cron expression such as '20 * * * *'.")
            .ValidateOnStart();
        builder.Services.AddScoped<AccountDeletions>();
        // The outbox is the retry policy: a failed step waits and is tried again, so the client makes
        // one attempt (the standard handler's retries and shared circuit breaker would hold up every
        // other service's step behind one that is down).
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(DeletionDispatcher.HttpClientName, (sp, http) =>
                http.Timeout = sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value.AttemptTimeout)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<DeletionDispatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeletionDispatcher>());
        builder.Services.TryAddSingleton<FileDurability>();
        builder.Services.AddSingleton(sp => new ExportArchiveStore(
            ExportsPath(sp.GetRequiredService<IOptions<PersonalDataOptions>>().Value, sp.GetRequiredService<ServiceDatabase>(), builder.Environment),
            sp.GetRequiredService<FileDurability>(),
            sp.GetRequiredService<ILogger<ExportArchiveStore>>()));
        builder.Services.AddHostedService<DataExportWorker>();
        builder.Services.AddScoped<ExportArchivePurge>();
        builder.Services.AddHostedService<ExportArchivePurgeJob>();
        builder.Services.AddHostedService<ReappliedErasures>();

        builder.Services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Cronos.CronExpression.TryParse(o.Schedule, out _), "Retention:Schedule must be a cron expression such as '15 3 * * *'.")
            .ValidateOnStart();
        builder.Services.AddScoped<InactiveAccountRetention>();
        builder.Services.AddHostedService<InactiveAccountRetentionJob>();
    }

    /// <summary><c>PersonalData:ExportsPath</c>, else an <c>exports</c> folder in the uploads folder beside the database.</summary>
    private static string ExportsPath(PersonalDataOptions options, ServiceDatabase database, IHostEnvironment environment) =>
        string.IsNullOrWhiteSpace(options.ExportsPath)
            ? Path.Combine(UploadsLocation.Resolve(null, database, environment), "exports")
            : Path.GetFullPath(options.ExportsPath, environment.ContentRootPath);

    /// <summary>Sign-in, registration and refresh are limited per client address.</summary>
    private static void AddSignInRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter => limiter.RejectWithRetryAfter()
            .AddPolicy(SignInRateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInRateLimit;
                return RateLimitingExtensions.PerClientFixedWindow(context, settings.PermitLimit, settings.Window);
            }));
    }
}
