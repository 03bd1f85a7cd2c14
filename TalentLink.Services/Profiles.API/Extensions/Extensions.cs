using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TalentLink.Profiles.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProfilesContext, SqliteProfilesContext, PostgresProfilesContext>(ResourceNames.ProfileDb);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDefaultAuthentication();
        builder.Services.AddScoped<IPersonalDataStore, ProfilesPersonalData>();

        // Profiles asks Offers whether a candidate applied to the caller's offers, as that caller.
        builder.AddOffersClient();

        // Moderation decisions are recorded before they take effect.
        builder.AddAuditTrail();
    }
}
