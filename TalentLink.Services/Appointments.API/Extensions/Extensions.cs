using Microsoft.Extensions.DependencyInjection.Extensions;

namespace TalentLink.Appointments.Extensions;

internal static class Extensions
{

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SchedulingOptions>()
            .BindConfiguration(SchedulingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddServiceDatabase<AppointmentContext, SqliteAppointmentContext, PostgresAppointmentContext>(ResourceNames.AppointmentDb);
        builder.AddDefaultAuthentication();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<UserTimeZones>();
        builder.Services.AddScoped<IPersonalDataStore, AppointmentsPersonalData>();
        builder.Services.AddHostedService<AppointmentCompletion>();

        // Offers owns applications; it is asked with the caller's token, so its own rules apply.
        builder.Services.AddHttpClient<IApplicationDirectory, OffersApplicationDirectory>(
                client => client.BaseAddress = OffersApplicationDirectory.BaseAddress)
            .AddAuthToken();
    }
}
