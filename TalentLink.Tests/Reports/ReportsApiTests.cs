using Microsoft.EntityFrameworkCore;
using TalentLink.Reports.Model;

namespace TalentLink.Tests.Reports;

/// <summary>Reporting, as a signed-in user sees it; every test runs once per provider.</summary>
public abstract class ReportsApiTests(ReportsFixture fixture)
{
    [Theory]
    [InlineData("candidate", "offer", "fraud")]
    [InlineData("recruiter", "profile", "inappropriate content")]
    [InlineData("candidate", "message", "harassment")]
    [InlineData("recruiter", "user", "discrimination")]
    public async Task Any_signed_in_user_reports_a_target_and_follows_its_status(string role, string targetType, string category)
    {
        var reporter = fixture.Client(await fixture.NewUserAsync(role));
        var report = await fixture.ReportAsync(reporter, targetType, Guid.NewGuid(), category);
        Assert.Equal("open", report.Status);
        Assert.Equal(targetType, report.TargetType);

        var mine = await reporter.GetFromJsonAsync<PagedResult<MyReportResponse>>("/api/reports/me");
        Assert.Equal(report.Id, Assert.Single(mine!.Items).Id);
    }

    [Fact]
    public async Task Reporting_the_same_target_twice_while_open_is_a_conflict()
    {
        var reporter = fixture.Client(await fixture.NewUserAsync());
        var offerId = Guid.NewGuid();
        var first = await fixture.ReportAsync(reporter, "offer", offerId);

        var again = await reporter.PostAsJsonAsync("/api/reports", new { targetType = "Offer", targetId = offerId, category = "other", description = "Still bad" });
        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Already reported", problem.GetProperty("title").GetString());

        var admin = await fixture.AdminAsync();
        await admin.PostAsJsonAsync($"/api/reports/{first.Id}/dismiss", new { note = "Not a scam" });
        await fixture.ReportAsync(reporter, "offer", offerId, "other");
    }

    [Fact]
    public async Task Concurrent_duplicate_reports_leave_exactly_one_open()
    {
        var reporter = fixture.Client(await fixture.NewUserAsync());
        var targetId = Guid.NewGuid();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            reporter.PostAsJsonAsync("/api/reports", new { targetType = "user", targetId, category = "spam", description = "Spam" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await fixture.WithDatabaseAsync(db => db.Reports.CountAsync(r => r.TargetId == targetId)));
    }

    [Theory]
    [InlineData("user")]
    [InlineData("profile")]
    public async Task Reporting_oneself_is_rejected(string targetType)
    {
        var user = await fixture.NewUserAsync();
        var response = await fixture.Client(user).PostAsJsonAsync("/api/reports",
            new { targetType, targetId = user.User.Id, category = "other", description = "Me" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("yourself", problem.GetProperty("errors").GetProperty("targetId")[0].GetString());
    }

    [Theory]
    [InlineData("planet", "spam", "Some text", "targetType")]
    [InlineData("offer", "rudeness", "Some text", "category")]
    [InlineData("offer", "1", "Some text", "category")]
    [InlineData("offer", "spam", "  ", "description")]
    public async Task An_invalid_report_is_rejected_with_the_field_named(string targetType, string category, string description, string field)
    {
        var reporter = fixture.Client(await fixture.NewUserAsync());
        var response = await reporter.PostAsJsonAsync("/api/reports", new { targetType, targetId = Guid.NewGuid(), category, description });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Reporters_see_only_their_own_reports_never_who_else_reported()
    {
        var offerId = Guid.NewGuid();
        var first = fixture.Client(await fixture.NewUserAsync());
        var second = fixture.Client(await fixture.NewUserAsync());
        await fixture.ReportAsync(first, "offer", offerId);
        await fixture.ReportAsync(second, "offer", offerId);

        var json = await first.GetStringAsync("/api/reports/me");
        var mine = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("items");
        Assert.Equal(1, mine.GetArrayLength());
        Assert.False(mine[0].TryGetProperty("reporterId", out _));
        Assert.False(mine[0].TryGetProperty("targetReporterCount", out _));
        Assert.False(mine[0].TryGetProperty("resolutionNote", out _));
    }

    [Fact]
    public async Task Reporting_needs_a_signed_in_user()
    {
        var response = await fixture.Service.CreateClient().PostAsJsonAsync("/api/reports",
            new { targetType = "offer", targetId = Guid.NewGuid(), category = "spam", description = "x" });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}

[Collection(SqliteReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteReportsApiTests(SqliteReportsFixture fixture) : ReportsApiTests(fixture);

[Collection(PostgresReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresReportsApiTests(PostgresReportsFixture fixture) : ReportsApiTests(fixture);
