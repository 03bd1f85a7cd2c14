using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TalentLink.Offers.Infrastructure;
using TalentLink.Offers.Model;
using TalentLink.Offers.Services;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>CVs and cover letters are deleted 24 months after their offer closes; both providers, on a fake clock.</summary>
public abstract class ApplicationFileRetentionTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task The_daily_job_deletes_the_files_of_offers_closed_over_24_months_ago_and_their_downloads_are_gone()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var (oldOffer, oldApplication) = await ClosedOfferWithApplicationAsync(recruiter, candidate);
        var (_, recentApplication) = await ClosedOfferWithApplicationAsync(recruiter, candidate);
        var openOffer = await recruiter.Client.PublishedOfferAsync();
        var openApplication = await candidate.Client.AppliedAsync(openOffer.Id, Form((Pdf(), "cv.pdf"), (Pdf(), "letter.pdf")));
        var now = DateTimeOffset.UtcNow;
        await SetClosedAtAsync(oldOffer, now.AddMonths(-25));
        var admin = await fixture.AdminAsync();

        var preview = await admin.GetFromJsonAsync<RetentionPreviewResponse>("/api/offers/retention/preview");

        Assert.Equal((24, 1, 2), (preview!.ApplicationFilesMonths, preview.Applications, preview.Files));
        Assert.Equal(oldApplication.Files.Sum(f => f.Length), preview.Bytes);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await recruiter.Client.DownloadStatusesAsync(oldApplication));

        // The job sleeps until its next 03:30 UTC on the clock it is given, then applies the rule.
        var clock = new FakeTimeProvider(now);
        using var job = new ApplicationFileRetentionJob(fixture.Offers.Services.GetRequiredService<ApplicationFileRetention>(),
            fixture.Offers.Services.GetRequiredService<IOptionsMonitor<RetentionOptions>>(), clock, NullLogger<ApplicationFileRetentionJob>.Instance);
        var filesBefore = fixture.StoredFiles().Count;
        await job.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.Equal(filesBefore, fixture.StoredFiles().Count);
        await AdvanceUntilAsync(clock, () => fixture.StoredFiles().Count == filesBefore - 2);
        await job.StopAsync(CancellationToken.None);

        foreach (var file in oldApplication.Files)
        {
            var gone = await recruiter.Client.GetAsync($"/api/offers/applications/{oldApplication.Id}/files/{file.Id}");
            var problem = await gone.AssertProblemAsync(HttpStatusCode.Gone);
            Assert.Contains("24 months", problem.GetProperty("detail").GetString());
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await recruiter.Client.DownloadStatusesAsync(recentApplication));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await recruiter.Client.DownloadStatusesAsync(openApplication));
        var after = await admin.GetFromJsonAsync<RetentionPreviewResponse>("/api/offers/retention/preview");
        Assert.Equal((0, 0, 0L), (after!.Applications, after.Files, after.Bytes));
    }

    [Fact]
    public async Task Only_admins_preview_retention()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();

        await (await recruiter.Client.GetAsync("/api/offers/retention/preview")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().GetAsync("/api/offers/retention/preview")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<(OfferResponse Offer, ApplicationResponse Application)> ClosedOfferWithApplicationAsync(TestUser recruiter, TestUser candidate)
    {
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Docx(), "letter.docx")));
        Assert.Equal(HttpStatusCode.OK, (await recruiter.Client.PostAsync($"/api/offers/{offer.Id}/close", null)).StatusCode);
        return (offer, application);
    }

    /// <summary>As if the offer had been closed at <paramref name="closedAt"/>.</summary>
    private async Task SetClosedAtAsync(OfferResponse offer, DateTimeOffset closedAt)
    {
        await using var scope = fixture.Offers.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OffersContext>();
        var stored = await context.Offers.SingleAsync(o => o.Id == offer.Id);
        stored.ClosedAt = closedAt;
        await context.SaveChangesAsync();
    }

    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> done)
    {
        for (var attempt = 0; attempt < 100 && !done(); attempt++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            await Task.Delay(100);
        }

        Assert.True(done(), "The retention job did not run.");
    }
}

[Trait("Category", "integration")]
public sealed class SqliteApplicationFileRetentionTests(SqliteOffersFixture fixture) : ApplicationFileRetentionTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresApplicationFileRetentionTests(PostgresOffersFixture fixture) : ApplicationFileRetentionTests<PostgresOffersFixture>(fixture);
