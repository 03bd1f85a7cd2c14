using Microsoft.Data.Sqlite;
using Npgsql;
using TalentLink.AppHost;
using TalentLink.Profiles.Model;

namespace TalentLink.Tests.AppHost;

/// <summary>Profiles in the whole app: tokens from Auth are checked through service discovery, data lands in profile.db or profiledb.</summary>
public static class AppHostProfilesScenario
{
    /// <summary>A candidate signed in through Auth saves a profile through Profiles; returns the candidate's id.</summary>
    public static async Task<Guid> CandidateSavesProfileAsync(AppHostFixture fixture)
    {
        var tokens = await fixture.CreateClient(ResourceNames.Auth).NewUserAsync(Roles.Candidate);
        var profiles = fixture.CreateClient(ResourceNames.Profiles).WithToken(tokens.AccessToken);

        var saved = await profiles.PutAsJsonAsync("/api/profiles/me", new { headline = "End-to-end developer", skills = new[] { "Aspire" }, location = "Nantes", visibility = "public" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);

        var profile = await fixture.CreateClient(ResourceNames.Profiles).GetFromJsonAsync<CandidateProfileResponse>($"/api/profiles/candidates/{tokens.User.Id}");
        Assert.Equal(["aspire"], profile!.Skills);
        await (await fixture.CreateClient(ResourceNames.Profiles).WithToken("not-a-token").GetAsync("/api/profiles/me")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        return tokens.User.Id;
    }
}

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AppHostSqliteProfilesTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task Profiles_accepts_auth_tokens_and_keeps_profiles_in_its_own_sqlite_file()
    {
        var userId = await AppHostProfilesScenario.CandidateSavesProfileAsync(fixture);

        var file = Path.Combine(fixture.DataDirectory, "profile.db");
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM candidate_profiles WHERE UserId = $id";
        command.Parameters.AddWithValue("$id", userId.ToString().ToUpperInvariant());
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}

[Collection(PostgresAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AppHostPostgresProfilesTests(PostgresAppHostFixture fixture)
{
    [Fact]
    public async Task Profiles_accepts_auth_tokens_and_keeps_profiles_in_its_own_postgres_database()
    {
        var userId = await AppHostProfilesScenario.CandidateSavesProfileAsync(fixture);

        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = fixture.PostgresDatabaseName(ResourceNames.ProfileDb) };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM candidate_profiles WHERE \"UserId\" = @id", connection);
        command.Parameters.AddWithValue("id", userId);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
        Assert.False(File.Exists(Path.Combine(fixture.DataDirectory, "profile.db")));
    }
}
