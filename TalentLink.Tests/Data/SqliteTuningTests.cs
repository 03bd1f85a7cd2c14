using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Auth.Infrastructure;

namespace TalentLink.Tests.Data;

public sealed class SqliteTuningTests(SqliteAuthFactory factory) : IClassFixture<SqliteAuthFactory>
{
    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("synchronous", "1")]
    [InlineData("cache_size", "-64000")]
    [InlineData("busy_timeout", "30000")]
    [InlineData("foreign_keys", "1")]
    [InlineData("journal_size_limit", "-1")]
    [InlineData("wal_autocheckpoint", "0")]
    public async Task Every_connection_the_service_opens_is_tuned(string pragma, string expected)
    {
        Assert.Equal(expected, await ReadPragmaAsync(pragma));
    }

    [Theory]
    [InlineData("synchronous", "1")]
    [InlineData("busy_timeout", "30000")]
    [InlineData("foreign_keys", "1")]
    public async Task A_connection_reused_from_the_pool_is_still_tuned(string pragma, string expected)
    {
        for (var reuse = 0; reuse < 5; reuse++)
        {
            Assert.Equal(expected, await ReadPragmaAsync(pragma));
        }
    }

    private async Task<string?> ReadPragmaAsync(string pragma)
    {
        using var scope = factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<AuthContext>();
        Assert.True(context.Database.IsSqlite());

        var connection = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
