using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentLink.Auth.Infrastructure;
using TalentLink.Data;

namespace TalentLink.Tests.Data;

public sealed class PostgresPoolCapTests
{
    [Fact]
    public void A_service_keeps_at_most_the_configured_connections_unless_its_connection_string_says_otherwise()
    {
        var capped = new NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.WithPoolCap("Host=db;Database=offersdb", 12));
        var explicitSize = new NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.WithPoolCap("Host=db;Database=offersdb;Maximum Pool Size=40", 12));

        Assert.Equal(12, capped.MaxPoolSize);
        Assert.Equal("offersdb", capped.Database);
        Assert.Equal(40, explicitSize.MaxPoolSize);
    }
}

public sealed class PostgresServicePoolTests(PostgresAuthFactory factory) : IClassFixture<PostgresAuthFactory>
{
    [Fact]
    public void The_seven_services_together_stay_under_postgresqls_default_connection_limit()
    {
        using var scope = factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();

        var pool = new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString()).MaxPoolSize;

        Assert.Equal(new DatabaseOptions().PostgresMaxPoolSize, pool);
        Assert.True(pool * 7 < 100, "seven services' pools must fit PostgreSQL's default max_connections (100)");
    }
}
