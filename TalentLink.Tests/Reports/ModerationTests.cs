using Microsoft.EntityFrameworkCore;
using TalentLink.Reports.Model;

namespace TalentLink.Tests.Reports;

/// <summary>The admins' queue and decisions taking effect in the owning services; every test runs once per provider.</summary>
public abstract class ModerationTests(ReportsFixture fixture)
{
    [Fact]
    public async Task A_target_reported_by_several_users_rises_in_the_queue()
    {
        var lonely = Guid.NewGuid();
        var popular = Guid.NewGuid();
        await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "message", lonely, "harassment");
        for (var i = 0; i < 3; i++)
        {
            await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "message", popular, "harassment");
        }

        var admin = await fixture.AdminAsync();
        var queue = (await admin.GetFromJsonAsync<PagedResult<QueuedReportResponse>>(
            "/api/reports/queue?targetType=message&category=harassment&status=open&pageSize=100"))!.Items;
        var popularAt = queue.ToList().FindIndex(r => r.TargetId == popular);
        var lonelyAt = queue.ToList().FindIndex(r => r.TargetId == lonely);
        Assert.InRange(popularAt, 0, lonelyAt - 1);
        Assert.Equal(3, queue[popularAt].TargetReporterCount);
        Assert.Equal(1, queue[lonelyAt].TargetReporterCount);
        Assert.All(queue, r => Assert.Equal(("message", "harassment", "open"), (r.TargetType, r.Category, r.Status)));
    }

    [Fact]
    public async Task Hiding_a_reported_offer_takes_effect_in_offers_and_closes_every_open_report_on_it()
    {
        var offerId = Guid.NewGuid();
        var first = fixture.Client(await fixture.NewUserAsync());
        var second = fixture.Client(await fixture.NewUserAsync());
        var report = await fixture.ReportAsync(first, "offer", offerId, "fraud");
        await fixture.ReportAsync(second, "offer", offerId, "spam");

        var admin = await fixture.AdminAsync();
        var assigned = await (await admin.PostAsync($"/api/reports/{report.Id}/assign", null)).Content.ReadFromJsonAsync<QueuedReportResponse>();
        Assert.Equal("in-review", assigned!.Status);

        var resolved = await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "hide-offer", note = "Fake company" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Contains(offerId, fixture.Offers.HiddenOffers);

        foreach (var reporter in new[] { first, second })
        {
            var mine = await reporter.GetFromJsonAsync<PagedResult<MyReportResponse>>("/api/reports/me");
            var closed = Assert.Single(mine!.Items);
            Assert.Equal(("resolved", "hide-offer"), (closed.Status, closed.Decision));
        }

        await (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/dismiss", new { note = "Too late" })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Suspending_a_reported_user_suspends_the_account_in_auth()
    {
        var offender = await fixture.NewUserAsync("recruiter");
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "user", offender.User.Id, "harassment");

        var admin = await fixture.AdminAsync();
        var resolved = await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "suspend-user", note = "Repeated harassment" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var signIn = await fixture.Auth.CreateClient().PostAsJsonAsync("/api/auth/sign-in", new { email = offender.User.Email, password = AuthClient.Password });
        var problem = await signIn.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Account suspended", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Hiding_a_reported_profile_takes_effect_in_profiles_and_an_unknown_profile_is_a_conflict()
    {
        var owner = await fixture.NewUserAsync("candidate");
        fixture.Profiles.AddProfile(owner.User.Id);
        var admin = await fixture.AdminAsync();

        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "profile", owner.User.Id, "inappropriate-content");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "hide-profile", note = "Offensive photo" })).StatusCode);
        Assert.True(fixture.Profiles.IsHidden(owner.User.Id));

        var ghost = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "profile", Guid.NewGuid());
        var problem = await (await admin.PostAsJsonAsync($"/api/reports/{ghost.Id}/resolve", new { decision = "hide-profile", note = "Spam" }))
            .AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Target not found", problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("offer", "suspend-user")]
    [InlineData("user", "hide-offer")]
    [InlineData("message", "hide-profile")]
    [InlineData("offer", "banish")]
    public async Task A_decision_that_does_not_fit_the_target_is_rejected(string targetType, string decision)
    {
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), targetType, Guid.NewGuid());
        var admin = await fixture.AdminAsync();
        var problem = await (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision, note = "Decided" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("decision", out _));
        Assert.DoesNotContain(report.TargetId, fixture.Offers.HiddenOffers);
    }

    [Fact]
    public async Task When_offers_is_down_resolving_is_a_503_and_the_report_stays_open()
    {
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "offer", Guid.NewGuid());
        var admin = await fixture.AdminAsync();
        fixture.Offers.IsDown = true;
        try
        {
            var problem = await (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "hide-offer", note = "Scam" }))
                .AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("offers", problem.GetProperty("service").GetString());
        }
        finally
        {
            fixture.Offers.IsDown = false;
        }

        var stored = await fixture.WithDatabaseAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.Id == report.Id));
        Assert.Equal((ReportStatus.Open, null, null), (stored.Status, stored.Decision, stored.ResolutionNote));
    }

    [Theory]
    [InlineData("candidate")]
    [InlineData("recruiter")]
    public async Task Only_admins_work_the_queue(string role)
    {
        var user = fixture.Client(await fixture.NewUserAsync(role));
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "offer", Guid.NewGuid());

        await (await user.GetAsync("/api/reports/queue")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.GetAsync($"/api/reports/{report.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.PostAsync($"/api/reports/{report.Id}/assign", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "hide-offer", note = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.PostAsJsonAsync($"/api/reports/{report.Id}/dismiss", new { note = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await user.GetAsync("/api/reports/statistics")).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.DoesNotContain(report.TargetId, fixture.Offers.HiddenOffers);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_reports_endpoints()
    {
        var document = System.Text.Json.JsonDocument.Parse(await fixture.Service.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/reports/queue", out _));
        Assert.True(paths.TryGetProperty("/api/reports/{id}/resolve", out _));
        Assert.True(paths.TryGetProperty("/api/reports/statistics", out _));
    }

    [Fact]
    public async Task Dismissing_needs_a_note_and_the_queue_filters_are_validated()
    {
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "offer", Guid.NewGuid(), "other");
        var admin = await fixture.AdminAsync();

        await (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/dismiss", new { note = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var dismissed = await (await admin.PostAsJsonAsync($"/api/reports/{report.Id}/dismiss", new { note = "Legitimate offer" }))
            .Content.ReadFromJsonAsync<QueuedReportResponse>();
        Assert.Equal("dismissed", dismissed!.Status);

        var closed = await admin.GetFromJsonAsync<PagedResult<QueuedReportResponse>>("/api/reports/queue?status=dismissed&pageSize=100");
        Assert.Contains(closed!.Items, r => r.Id == report.Id);
        await (await admin.GetAsync("/api/reports/queue?status=pending")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync($"/api/reports/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}

[Collection(SqliteReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteModerationTests(SqliteReportsFixture fixture) : ModerationTests(fixture);

[Collection(PostgresReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresModerationTests(PostgresReportsFixture fixture) : ModerationTests(fixture);
