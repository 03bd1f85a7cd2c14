using Microsoft.Data.Sqlite;
using TalentLink.AppHost;
using TalentLink.Auth.Model;
using Xunit.Abstractions;

namespace TalentLink.Tests.AppHost;

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AppHostSqliteTests(SqliteAppHostFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task The_default_app_runs_auth_on_its_own_sqlite_file_and_users_sign_in_over_http()
    {
        output.WriteLine($"AppHost healthy after {fixture.TimeToHealthy.TotalSeconds:F1} s");
        var client = fixture.CreateClient(ResourceNames.Auth);

        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        var email = AuthClient.NewEmail("e2e");
        var user = await client.RegisterAsync(email, "candidate");
        var tokens = await client.SignInAsync(email);
        var me = await client.WithToken(tokens.AccessToken).GetFromJsonAsync<UserResponse>("/api/auth/me");
        Assert.Equal(user.Id, me!.Id);

        // The account really is in auth.db under the configured data directory.
        var file = Path.Combine(fixture.DataDirectory, "auth.db");
        Assert.True(File.Exists(file));
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM users WHERE email = $email";
        command.Parameters.AddWithValue("$email", email);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_bootstrap_admin_from_the_apphost_parameters_can_sign_in()
    {
        var client = fixture.CreateClient(ResourceNames.Auth);
        var tokens = await client.SignInAsync(AppHostFixture.AdminEmail, AppHostFixture.AdminPassword);
        Assert.Equal("admin", tokens.User.Role);
    }
}
