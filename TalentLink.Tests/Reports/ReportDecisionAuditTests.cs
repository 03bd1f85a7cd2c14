using TalentLink.Reports.Model;
using TalentLink.Tests.Audit;

namespace TalentLink.Tests.Reports;

/// <summary>Report decisions are on the audit trail, or are not taken.</summary>
public abstract class ReportDecisionAuditTests(ReportsFixture fixture)
{
    [Fact]
    public async Task Resolving_and_dismissing_reports_are_recorded_with_the_decision_and_never_the_note()
    {
        var offerId = Guid.NewGuid();
        var resolved = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "offer", offerId, "fraud");
        var offender = await fixture.NewUserAsync("recruiter");
        var dismissed = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "user", offender.User.Id, "harassment");
        var admin = await fixture.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/reports/{resolved.Id}/resolve", new { decision = "hide-offer", note = "Fake company" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/reports/{dismissed.Id}/dismiss", new { note = "Not harassment" })).StatusCode);

        var hide = Assert.Single((await fixture.Auth.AuditEntriesAsync($"action={AuditActions.ReportDecided}&targetId={resolved.Id}")).Items);
        Assert.Equal($"hide-offer on offer {offerId}", hide.Details);
        Assert.Null(hide.SubjectUserId);
        var dismissal = Assert.Single((await fixture.Auth.AuditEntriesAsync($"action={AuditActions.ReportDecided}&targetId={dismissed.Id}")).Items);
        Assert.Equal(offender.User.Id, dismissal.SubjectUserId);
        Assert.StartsWith("dismissed", dismissal.Details);
        Assert.DoesNotContain("harassment", dismissal.Details, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task When_the_audit_trail_is_down_a_decision_is_refused_and_nothing_changes()
    {
        var offerId = Guid.NewGuid();
        var report = await fixture.ReportAsync(fixture.Client(await fixture.NewUserAsync()), "offer", offerId, "spam");
        var admin = await fixture.AdminAsync();

        HttpResponseMessage response;
        using (fixture.Auth.Audit.TakeDown())
        {
            response = await admin.PostAsJsonAsync($"/api/reports/{report.Id}/resolve", new { decision = "hide-offer", note = "Spam" });
        }

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain(offerId, fixture.Offers.HiddenOffers);
        var still = await admin.GetFromJsonAsync<QueuedReportResponse>($"/api/reports/{report.Id}");
        Assert.Equal("open", still!.Status);
    }
}

[Collection(SqliteReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class SqliteReportDecisionAuditTests(SqliteReportsFixture fixture) : ReportDecisionAuditTests(fixture);

[Collection(PostgresReportsCollection.Name)]
[Trait("Category", "integration")]
public sealed class PostgresReportDecisionAuditTests(PostgresReportsFixture fixture) : ReportDecisionAuditTests(fixture);
