using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace TalentLink.Profiles.Extensions;

internal static class Extensions
{

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProfilesContext, SqliteProfilesContext, PostgresProfilesContext>(ResourceNames.ProfileDb);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDefaultAuthentication();
        builder.Services.AddScoped<IPersonalDataStore, ProfilesPersonalData>();

        builder.Services.AddOptions<OffersOptions>()
            .BindConfiguration(OffersOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Profiles asks Offers whether a candidate applied to the caller's offers, as that caller.
        builder.Services.AddHttpClient<OffersClient>((services, http) =>
                http.BaseAddress = new Uri(services.GetRequiredService<IOptions<OffersOptions>>().Value.Url))
            .AddAuthToken();

        // Moderation decisions are recorded before they take effect.
        builder.AddAuditTrail();
    }
}
