using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentLink.Auth.Infrastructure;
using TalentLink.Data;

namespace TalentLink.Tests.Data;

[Trait("Category", "unit")]
public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_service_keeps_at_most_the_configured_connections_prepares_its_statements_and_skips_the_pool_reset_unless_its_connection_string_says_otherwise()
    {
        var defaults = new NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.WithServiceDefaults("Host=db;Database=offersdb", 12));
        var explicitSettings = new NpgsqlConnectionStringBuilder(
            ServiceDatabaseExtensions.WithServiceDefaults("Host=db;Database=offersdb;Maximum Pool Size=40;Max Auto Prepare=0;No Reset On Close=false", 12));

        Assert.Equal(12, defaults.MaxPoolSize);
        Assert.Equal(ServiceDatabaseExtensions.PostgresAutoPrepare, defaults.MaxAutoPrepare);
        Assert.True(defaults.NoResetOnClose);
        Assert.Equal(ResourceNames.OffersDb, defaults.Database);
        Assert.Equal(40, explicitSettings.MaxPoolSize);
        Assert.Equal(0, explicitSettings.MaxAutoPrepare);
        Assert.False(explicitSettings.NoResetOnClose);
    }
}

[Trait("Category", "integration")]
public sealed class PostgresServicePoolTests(PostgresAuthFactory factory) : IClassFixture<PostgresAuthFactory>
{
    [Fact]
    public void The_seven_services_together_stay_under_postgresqls_default_connection_limit()
    {
        using var scope = factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();

        var settings = new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString());
        var pool = settings.MaxPoolSize;

        Assert.Equal(new DatabaseOptions().EffectivePostgresPoolSize, pool);
        Assert.Equal(ServiceDatabaseExtensions.PostgresAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(pool * 7 + new DatabaseOptions().PostgresReservedConnections <= 100,
            "seven services' pools and the reserve must fit PostgreSQL's default max_connections (100)");
    }
}
