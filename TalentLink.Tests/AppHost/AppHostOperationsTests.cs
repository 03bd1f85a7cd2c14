using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.AppHost;
using TalentLink.Operations.Backup;

namespace TalentLink.Tests.AppHost;

[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AppHostOperationsTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task The_dashboard_backup_button_writes_a_verified_archive_of_every_database()
    {
        await fixture.CreateClient(ResourceNames.Auth).NewUserAsync("candidate");

        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(ResourceNames.Operations, "backup-now");

        Assert.True(result.Success, result.Message);
        var archive = Assert.Single(BackupArchive.In(Path.Combine(fixture.DataDirectory, "backups")), a => a.IsGood);
        var verification = BackupVerifier.Verify(archive.Path);
        Assert.True(verification.IsValid);
        var auth = Assert.Single(verification.Manifest!.Databases, d => d.FileName == "auth.db");
        Assert.True(auth.RowCounts["users"] >= 2);
    }

    [Fact]
    public async Task The_dashboard_advice_button_reports_a_recommendation_per_service()
    {
        var commands = fixture.App.Services.GetRequiredService<ResourceCommandService>();
        var result = await commands.ExecuteCommandAsync(ResourceNames.Operations, "capacity-advice");

        Assert.True(result.Success, result.Message);
        // What each database is told depends on the load the other end-to-end tests put on it; that
        // every one gets a recommendation with its reasons does not.
        foreach (var database in ResourceNames.RelationalDatabases)
        {
            Assert.Matches($"{database}: (stay on SQLite|plan the move to PostgreSQL|move to PostgreSQL now)", result.Data?.Value);
        }
    }

    [Fact]
    public async Task The_operations_api_refuses_callers_without_the_admin_role_or_the_dashboard_key()
    {
        var client = fixture.CreateClient(ResourceNames.Operations);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/operations/backups", null)).StatusCode);

        var candidate = await fixture.CreateClient(ResourceNames.Auth).NewUserAsync("candidate");
        var response = await client.WithToken(candidate.AccessToken).PostAsync("/api/operations/backups", null);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
