using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using TalentLink.AppHost;
using TalentLink.Data;

namespace TalentLink.Tests.AppHost;

/// <summary>Appointments and Reports in the whole AppHost, behind the gateway, on each provider.</summary>
public abstract class AppointmentsAndReportsEndToEndTests(AppHostFixture fixture)
{
    protected AppHostFixture Fixture => fixture;

    [Fact]
    public async Task Time_zones_and_reports_go_through_the_gateway_into_each_services_own_database()
    {
        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        var candidate = await gateway.NewUserAsync("candidate");
        var recruiter = await gateway.NewUserAsync("recruiter");
        gateway.WithToken(candidate.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await gateway.PutAsJsonAsync("/api/appointments/me/time-zone", new { timeZone = "Europe/Paris" })).StatusCode);
        var zone = JsonDocument.Parse(await gateway.GetStringAsync("/api/appointments/me/time-zone")).RootElement;
        Assert.Equal("Europe/Paris", zone.GetProperty("timeZone").GetString());

        var reported = await gateway.PostAsJsonAsync("/api/reports",
            new { targetType = "user", targetId = recruiter.User.Id, category = "spam", description = "Sends the same message to everyone." });
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);

        Assert.Equal(1L, await CountAsync(ResourceNames.AppointmentDb, "SELECT COUNT(*) FROM user_time_zones WHERE \"UserId\" = @id", candidate.User.Id));
        Assert.Equal(1L, await CountAsync(ResourceNames.ReportDb, "SELECT COUNT(*) FROM reports WHERE \"ReporterId\" = @id", candidate.User.Id));
    }

    [Fact]
    public async Task Admin_statistics_come_from_auth_and_name_any_service_that_cannot_answer()
    {
        var gateway = fixture.CreateClient(ResourceNames.Gateway);
        var admin = await gateway.SignInAsync(AppHostFixture.AdminEmail, AppHostFixture.AdminPassword);
        var response = await gateway.WithToken(admin.AccessToken).GetAsync("/api/reports/statistics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statistics = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(statistics.GetProperty("usersByRole").GetProperty("admin").GetInt32() >= 1);
        var unavailable = statistics.GetProperty("unavailable").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.DoesNotContain("auth", unavailable);
        Assert.Equal(unavailable.Contains("offers"), statistics.GetProperty("offersByStatus").ValueKind == JsonValueKind.Null);
    }

    /// <summary>Runs a COUNT with an <c>@id</c> parameter on a service's own database.</summary>
    protected abstract Task<long> CountAsync(string database, string sql, Guid id);
}

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class SqliteAppointmentsAndReportsEndToEndTests(SqliteAppHostFixture fixture) : AppointmentsAndReportsEndToEndTests(fixture)
{
    protected override async Task<long> CountAsync(string database, string sql, Guid id)
    {
        var file = Path.Combine(Fixture.DataDirectory, SqliteFiles.FileNameFor(database));
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Replace("@id", "$id");
        command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

[Collection(PostgresAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class PostgresAppointmentsAndReportsEndToEndTests(PostgresAppHostFixture fixture) : AppointmentsAndReportsEndToEndTests(fixture)
{
    protected override async Task<long> CountAsync(string database, string sql, Guid id)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = Fixture.PostgresDatabaseName(database) };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
