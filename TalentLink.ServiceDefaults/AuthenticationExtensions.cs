using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TalentLink.ServiceDefaults;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// JWT bearer validation for every service in one call. Tokens are issued by the Auth service and
/// signed with its private key; other services fetch the public keys from Auth's OpenID discovery
/// document (<c>/.well-known/openid-configuration</c> → JWKS) through service discovery.
/// </summary>
public static class AuthenticationExtensions
{
    public const string DiscoveryClientName = "identity-discovery";

    /// <summary>
    /// Every service, Auth included, refuses tokens Auth has revoked (suspended or deleted accounts,
    /// changed passwords, signed-out sessions); see <see cref="TokenRevocationExtensions"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDefaultAuthentication(this IHostApplicationBuilder builder)
    {
        // Checked while the host is built as well as on start: a start-time failure can surface as a
        // disposed service provider instead of the message naming the setting.
        builder.Services.AddOptions<IdentitySettings>()
            .BindConfiguration(IdentitySettings.SectionName)
            .ValidateDataAnnotations()
            .Validate(s => !string.IsNullOrWhiteSpace(s.RevocationKey), IdentitySettings.MissingRevocationKeyMessage)
            .Validate(s => string.IsNullOrWhiteSpace(s.RevocationKey) || s.RevocationKey.Length >= IdentitySettings.MinimumRevocationKeyLength,
                IdentitySettings.ShortRevocationKeyMessage)
            .Validate(s => s.RevocationStaleAfter > s.RevocationPollInterval, IdentitySettings.StaleWindowMessage)
            .ValidateOnStart()
            .ValidateNow(builder.Configuration, IdentitySettings.SectionName);

        builder.Services.AddHttpClient(DiscoveryClientName);

        // User tokens (audience Identity:Audience) on the default scheme; Auth's own service tokens
        // (audience Identity:ServiceAudience) on a scheme only the personal-data endpoints accept.
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer().AddJwtBearer(ServiceTokens.Scheme);
        foreach (var scheme in (string[])[JwtBearerDefaults.AuthenticationScheme, ServiceTokens.Scheme])
        {
            builder.Services.AddOptions<JwtBearerOptions>(scheme)
                .Configure<IHttpClientFactory, Microsoft.Extensions.Options.IOptions<IdentitySettings>>((options, httpClientFactory, identity) =>
                {
                    var settings = identity.Value;
                    options.MapInboundClaims = false;
                    options.RequireHttpsMetadata = false;
                    options.TokenValidationParameters = settings.CreateValidationParameters();
                    if (scheme == ServiceTokens.Scheme)
                    {
                        options.TokenValidationParameters.ValidAudience = settings.ServiceAudience;
                    }

                    options.UseDiscovery(httpClientFactory.CreateClient(DiscoveryClientName), settings.MetadataAddress);
                });
        }

        builder.AddTokenRevocation();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Recruiter, policy => policy.RequireRole(Roles.Recruiter))
            .AddPolicy(Policies.Candidate, policy => policy.RequireRole(Roles.Candidate))
            .AddPolicy(Policies.Service, policy => policy
                .AddAuthenticationSchemes(ServiceTokens.Scheme)
                .RequireRole(Roles.Service))
            .AddPolicy(Policies.UserOrService, policy => policy
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ServiceTokens.Scheme)
                .RequireAuthenticatedUser());

        return builder;
    }

    /// <summary>Fetches signing keys from an OpenID discovery document through the given client.</summary>
    public static void UseDiscovery(this JwtBearerOptions options, HttpClient client, string metadataAddress)
    {
        options.MetadataAddress = metadataAddress;
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            metadataAddress,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(client) { RequireHttps = false })
        {
            // Auth publishes a new signing key 30 minutes before it signs (Auth:SigningKeys:PublishAhead),
            // so the 10-minute refresh has fetched it by then. A token with a kid not in the
            // cached set is refused and triggers a background refresh (at most every 30 s): the next
            // request succeeds (SigningKeyRotationTests).
            AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
            RefreshInterval = TimeSpan.FromSeconds(30),
        };
    }
}

/// <summary>The <c>Identity</c> configuration section: where Auth is and what its tokens say.</summary>
public sealed class IdentitySettings
{
    public const string SectionName = "Identity";

    /// <summary>Base address of the Auth service; a service-discovery name by default.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string Url { get; set; } = TalentLink.ServiceAddresses.Of(TalentLink.ResourceNames.Auth);

    [System.ComponentModel.DataAnnotations.Required]
    public string Issuer { get; set; } = "talentlink";

    [System.ComponentModel.DataAnnotations.Required]
    public string Audience { get; set; } = "talentlink";

    /// <summary>The audience of the tokens Auth mints for its own calls to other services.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string ServiceAudience { get; set; } = "talentlink-services";

    public const string RevocationKeySetting = SectionName + ":RevocationKey";
    public const int MinimumRevocationKeyLength = 32;

    public const string MissingRevocationKeyMessage =
        RevocationKeySetting + " is not set. Auth names users in its public token revocation feed by an HMAC under " +
        "this key, and every service needs it to recognise them: the AppHost passes its generated revocation-key " +
        "parameter to each service; a service run alone needs Identity__RevocationKey (the same value as Auth's, " +
        "at least 32 random characters).";

    public const string ShortRevocationKeyMessage =
        RevocationKeySetting + " is too short: use at least 32 random characters (e.g. openssl rand -base64 32).";

    public const string StaleWindowMessage = SectionName + ":RevocationStaleAfter must be longer than " + SectionName + ":RevocationPollInterval.";

    /// <summary>How often a service asks Auth which subjects' tokens were revoked (suspension, deletion, password change, sign-out).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RevocationPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// When the last successful poll is older than this (or none succeeded since start), the service
    /// refuses user tokens: it can no longer tell which are revoked (docs/security.md).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RevocationStaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The secret the feed's hashes are keyed with; the same in Auth and every service (the AppHost's <c>revocation-key</c>).</summary>
    public string? RevocationKey { get; set; }

    public string RevocationsAddress => $"{Url.TrimEnd('/')}/api/auth/revocations";

    public string MetadataAddress => $"{Url.TrimEnd('/')}/.well-known/openid-configuration";

    public TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        NameClaimType = TalentLinkClaims.Subject,
        RoleClaimType = TalentLinkClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
