using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
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
    }

    /// <summary>Sign-in, registration and refresh are limited per client address.</summary>
    private static void AddSignInRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimitPolicy, context =>
            {
                var settings = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInRateLimit;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                }

                return ValueTask.CompletedTask;
            };
        });
    }
}
