using TalentLink.Audit.Model;
using TalentLink.Offers.Model;
using TalentLink.Tests.Audit;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>CV and cover-letter downloads and offer moderation go to the audit trail, or do not happen; both providers.</summary>
public abstract class OffersAuditTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task A_recruiters_cv_download_is_recorded_and_the_candidate_sees_who_downloaded_it()
    {
        var (recruiter, candidate, application) = await AppliedAsync();
        var cv = application.Files.Single(f => f.Kind == "cv");

        var download = await recruiter.Client.GetAsync($"/api/offers/applications/{application.Id}/files/{cv.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var candidateAudit = await fixture.Auth.Audit.ClientAsync(TokenOf(candidate));
        var seen = Assert.Single((await candidateAudit.MyFileDownloadsAsync()).Items);
        Assert.Equal(recruiter.Id, seen.DownloadedById);
        Assert.Equal(Roles.Recruiter, seen.DownloadedByRole);
        Assert.Equal(cv.Id.ToString(), seen.FileId);

        var admin = await fixture.Auth.Audit.ClientAsync((await fixture.Auth.CreateClient().SignInAsync(AuthFactory.AdminEmail, AuthFactory.AdminPassword)).AccessToken);
        var entry = Assert.Single((await admin.EntriesAsync($"subject={candidate.Id}&action={AuditActions.ApplicationFileDownloaded}")).Items);
        Assert.Equal(recruiter.Id, entry.ActorId);
        Assert.Equal(AuditTargets.ApplicationFile, entry.TargetType);
        Assert.Equal($"cv of application {application.Id}", entry.Details);
    }

    [Fact]
    public async Task A_refused_download_leaves_no_entry()
    {
        var (_, candidate, application) = await AppliedAsync();
        var stranger = await fixture.NewRecruiterWithCompanyAsync("Other Corp");

        var response = await stranger.Client.GetAsync($"/api/offers/applications/{application.Id}/files/{application.Files[0].Id}");

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
        var candidateAudit = await fixture.Auth.Audit.ClientAsync(TokenOf(candidate));
        Assert.Empty((await candidateAudit.MyFileDownloadsAsync()).Items);
    }

    [Fact]
    public async Task When_the_audit_trail_is_down_no_file_is_sent()
    {
        var (recruiter, candidate, application) = await AppliedAsync();
        HttpResponseMessage response;
        using (fixture.Auth.Audit.TakeDown())
        {
            response = await recruiter.Client.GetAsync($"/api/offers/applications/{application.Id}/files/{application.Files[0].Id}");
        }

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("audit", problem.GetProperty("service").GetString());
        var candidateAudit = await fixture.Auth.Audit.ClientAsync(TokenOf(candidate));
        Assert.Empty((await candidateAudit.MyFileDownloadsAsync()).Items);
    }

    [Fact]
    public async Task Hiding_and_unhiding_an_offer_are_recorded_against_its_recruiter()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await recruiter.Client.PublishedOfferAsync();
        var admin = await fixture.AdminAsync();

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/offers/{offer.Id}/hide", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/offers/{offer.Id}/unhide", null)).StatusCode);

        var entries = await fixture.Auth.AuditEntriesAsync($"targetType={AuditTargets.Offer}&targetId={offer.Id}");
        Assert.Equal([AuditActions.OfferUnhidden, AuditActions.OfferHidden], entries.Items.Select(e => e.Action));
        Assert.All(entries.Items, e => Assert.Equal((Roles.Admin, (Guid?)recruiter.Id), (e.ActorRole, e.SubjectUserId)));
    }

    [Fact]
    public async Task When_the_audit_trail_is_down_an_offer_is_not_hidden()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await recruiter.Client.PublishedOfferAsync();
        var admin = await fixture.AdminAsync();

        HttpResponseMessage response;
        using (fixture.Auth.Audit.TakeDown())
        {
            response = await admin.PostAsync($"/api/offers/{offer.Id}/hide", null);
        }

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync($"/api/offers/{offer.Id}")).StatusCode);
    }

    private async Task<(TestUser Recruiter, TestUser Candidate, ApplicationResponse Application)> AppliedAsync()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Docx(), "letter.docx")));
        return (recruiter, candidate, application);
    }

    private static string TokenOf(TestUser user) => user.Client.DefaultRequestHeaders.Authorization!.Parameter!;
}

[Trait("Category", "integration")]
public sealed class SqliteOffersAuditTests(SqliteOffersFixture fixture) : OffersAuditTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresOffersAuditTests(PostgresOffersFixture fixture) : OffersAuditTests<PostgresOffersFixture>(fixture);
