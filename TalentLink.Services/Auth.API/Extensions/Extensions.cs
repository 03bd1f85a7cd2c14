using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TalentLink.Data;

namespace TalentLink.Auth.Extensions;

internal static class Extensions
{
    public const string SignInRateLimitPolicy = "sign-in";
    public const string DatabaseName = "authdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddServiceDatabase<AuthContext, SqliteAuthContext, PostgresAuthContext>(DatabaseName, AuthContextSeed.SeedAsync);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddScoped<TokenService>();

        // Auth validates its own tokens with the keys it holds; other services use its JWKS.
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<LocalSigningConfiguration>();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<LocalSigningConfiguration>((options, local) => options.ConfigurationManager = local);

        builder.AddSignInRateLimiting();

        // Suspensions (and deletions by an admin) are recorded before they take effect.
        builder.AddAuditTrail();
    }

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
