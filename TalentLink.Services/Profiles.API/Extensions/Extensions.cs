using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TalentLink.Profiles.Extensions;

internal static class Extensions
{
    public const string DatabaseName = "profiledb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ProfilesContext, SqliteProfilesContext, PostgresProfilesContext>(DatabaseName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddDefaultAuthentication();

        builder.Services.AddOptions<OffersOptions>()
            .BindConfiguration(OffersOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpClient<OffersClient>((services, http) =>
                http.BaseAddress = new Uri(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OffersOptions>>().Value.Url))
            .AddAuthToken();
    }
}
