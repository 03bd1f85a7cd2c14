using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TalentLink.Auth.Infrastructure;
using TalentLink.Data;
using TalentLink.Messaging.Extensions;

namespace TalentLink.Tests.Data;

/// <summary>Settings read while services are registered are validated then, by the rules start-up validation uses.</summary>
[Trait("Category", "unit")]
public sealed class EagerOptionsTests
{
    [Fact]
    public void A_database_setting_out_of_range_stops_the_registration_naming_the_setting()
    {
        var builder = Builder(new()
        {
            ["Database:PostgresMaxPoolSize"] = "0",
            [$"ConnectionStrings:{ResourceNames.AuthDb}"] = "Host=127.0.0.1;Database=authdb",
            [DatabaseProviders.Setting] = "Postgres",
        });

        var refused = Assert.Throws<OptionsValidationException>(() =>
            builder.AddServiceDatabase<AuthContext, SqliteAuthContext, PostgresAuthContext>(ResourceNames.AuthDb));

        Assert.Contains("Database settings", refused.Message);
        Assert.Contains("PostgresMaxPoolSize", refused.Message);
    }

    [Fact]
    public void A_messaging_setting_out_of_range_stops_the_registration_naming_the_setting()
    {
        var builder = Builder(new() { ["Messaging:MaxParticipants"] = "1", ["Messaging:Store"] = "Mongo", ["ConnectionStrings:mongodb"] = "mongodb://127.0.0.1:9/messaging" });

        var refused = Assert.Throws<OptionsValidationException>(() => builder.AddMessageStore());

        Assert.Contains("Messaging settings", refused.Message);
        Assert.Contains("MaxParticipants", refused.Message);
    }

    [Fact]
    public void Valid_settings_are_read_as_configured()
    {
        var builder = Builder(new() { ["Messaging:Store"] = "Mongo", ["ConnectionStrings:mongodb"] = "mongodb://127.0.0.1:9/messaging" });

        Assert.Equal(TalentLink.Messaging.Model.MessageStoreKind.Mongo, builder.AddMessageStore());
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }
}
