using TalentLink.AppHost;
using TalentLink.Audit.Model;
using TalentLink.Tests.Offers;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.AppHost;

/// <summary>The audit trail in the whole application, used only through the public gateway.</summary>
[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class AuditAppHostTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task A_cv_downloaded_through_the_gateway_shows_up_in_the_candidates_download_list()
    {
        var gateway = () => fixture.CreateClient(ResourceNames.Gateway);
        var recruiterTokens = await gateway().NewUserAsync(Roles.Recruiter);
        var candidateTokens = await gateway().NewUserAsync(Roles.Candidate);
        var recruiter = gateway().WithToken(recruiterTokens.AccessToken);
        var candidate = gateway().WithToken(candidateTokens.AccessToken);
        var offer = await recruiter.PublishedOfferAsync(Offer(title: $"Audited {UniqueWord()} role"));
        var application = await candidate.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), coverLetterText: "Hello"));
        var cv = application.Files.Single();

        var download = await recruiter.GetAsync($"/api/offers/applications/{application.Id}/files/{cv.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var downloads = await candidate.GetFromJsonAsync<PagedResult<FileDownloadResponse>>("/api/audit/me/file-downloads");
        var seen = Assert.Single(downloads!.Items);
        Assert.Equal((recruiterTokens.User.Id, Roles.Recruiter, cv.Id.ToString()), (seen.DownloadedById, seen.DownloadedByRole, seen.FileId));

        // Nobody outside can write to the trail: the recording endpoint has no route at the edge.
        var forged = await candidate.PostAsJsonAsync("/internal/audit/entries", new { action = "user.suspended", targetType = "user", targetId = "x" });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }
}
