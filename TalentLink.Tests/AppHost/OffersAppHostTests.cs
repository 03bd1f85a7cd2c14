using TalentLink.AppHost;
using TalentLink.Offers.Model;
using TalentLink.Tests.Offers;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.AppHost;

/// <summary>Offers in the whole application: tokens from the real Auth, data in offers.db, files in the data directory's uploads.</summary>
[Collection(SqliteAppHostCollection.Name)]
[Trait("Category", "apphost")]
public sealed class OffersAppHostTests(SqliteAppHostFixture fixture)
{
    [Fact]
    public async Task A_recruiter_publishes_an_offer_and_a_candidate_applies_with_a_cv_kept_in_the_data_directory()
    {
        var auth = fixture.CreateClient(ResourceNames.Auth);
        var recruiterTokens = await auth.NewUserAsync(Roles.Recruiter);
        var candidateTokens = await auth.NewUserAsync(Roles.Candidate);
        var recruiter = fixture.CreateClient(ResourceNames.Offers).WithToken(recruiterTokens.AccessToken);
        var candidate = fixture.CreateClient(ResourceNames.Offers).WithToken(candidateTokens.AccessToken);
        var word = UniqueWord();

        var offer = await recruiter.PublishedOfferAsync(Offer(title: $"Aspire {word} developer"));
        var found = await fixture.CreateClient(ResourceNames.Offers).GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}");
        Assert.Equal([offer.Id], found!.Items.Select(o => o.Id));

        var application = await candidate.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), coverLetterText: "Hello"));

        Assert.True(File.Exists(Path.Combine(fixture.DataDirectory, "offers.db")));
        var uploads = Directory.GetFiles(Path.Combine(fixture.DataDirectory, "uploads"), "*.pdf");
        Assert.Single(uploads, path => new FileInfo(path).Length == application.Files.Single().Length);
    }
}
