using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Offers.Infrastructure;
using TalentLink.Offers.Model;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>What a stored CV or cover letter can do to the person who opens it, and whether it survives a power cut; both providers.</summary>
public abstract class ApplicationFileSafetyTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task An_html_page_wrapped_in_a_valid_pdf_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((HtmlPdfPolyglot(), "poly-cv.html"), coverLetterText: "Hello"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid document", problem.GetProperty("title").GetString());
        Assert.Contains("HTML", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_pdf_with_a_valid_trailer_but_no_page_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((PdfWithoutPages(), "cv.pdf"), coverLetterText: "Hello"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not a valid PDF", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task Files_download_under_the_detected_types_extension_without_bidi_or_control_characters()
    {
        var (candidate, offer, _) = await ReadyToApplyAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id,
            Form((Pdf(), "Jane\u202Egpj.exe"), (Docx(), "letter\u200B.html")));

        var cv = application.Files.Single(f => f.Kind == ApplicationFileKinds.Cv);
        var letter = application.Files.Single(f => f.Kind == ApplicationFileKinds.CoverLetter);
        Assert.Equal("Janegpj.pdf", cv.FileName);
        Assert.Equal("letter.docx", letter.FileName);

        var recruiter = _recruiters[offer.Id].Client;
        foreach (var (file, expected) in new[] { (cv, "Janegpj.pdf"), (letter, "letter.docx") })
        {
            var download = await recruiter.GetAsync($"/api/offers/applications/{application.Id}/files/{file.Id}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(expected, download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        }
    }

    [Fact]
    public async Task The_personal_data_file_route_sends_nosniff_and_the_safe_name()
    {
        var (candidate, offer, _) = await ReadyToApplyAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "poly-cv.html"), coverLetterText: "Hello"));
        var cv = application.Files.Single();

        var download = await candidate.Client.GetAsync($"/api/offers/personal-data/{candidate.Id}/files/{cv.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("poly-cv.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
    }

    [Fact]
    public async Task A_cv_and_its_directory_entry_are_on_disk_before_the_application_that_names_it_commits()
    {
        var (candidate, offer, _) = await ReadyToApplyAsync();
        var steps = new List<(string Step, bool ApplicationCommitted)>();
        fixture.Offers.Durability.Observer = step =>
        {
            var committed = CountApplicationsAsync(candidate.Id).GetAwaiter().GetResult() > 0;
            lock (steps) { steps.Add((step, committed)); }
        };
        try
        {
            await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Docx(), "letter.docx")));
        }
        finally
        {
            fixture.Offers.Durability.Observer = null;
        }

        Assert.Equal(1, await CountApplicationsAsync(candidate.Id));
        Assert.Equal(2, steps.Count(s => s.Step == "file"));
        Assert.Equal(2, steps.Count(s => s.Step == "directory"));
        Assert.All(steps, s => Assert.False(s.ApplicationCommitted, $"a {s.Step} was flushed after the application committed"));
    }

    private async Task<(TestUser Candidate, OfferResponse Offer, IReadOnlyList<string> Files)> ReadyToApplyAsync()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        _recruiters[offer.Id] = recruiter;
        return (candidate, offer, fixture.StoredFiles());
    }

    /// <summary>The recruiter who published each offer of this test class.</summary>
    private readonly Dictionary<Guid, TestUser> _recruiters = [];

    private async Task AssertNothingStoredAsync(TestUser candidate, IReadOnlyList<string> filesBefore)
    {
        Assert.Equal(0, await CountApplicationsAsync(candidate.Id));
        Assert.Equal(filesBefore, fixture.StoredFiles());
    }

    private async Task<int> CountApplicationsAsync(Guid candidateId)
    {
        await using var scope = fixture.Offers.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OffersContext>().Applications.CountAsync(a => a.CandidateId == candidateId);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteApplicationFileSafetyTests(SqliteOffersFixture fixture) : ApplicationFileSafetyTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresApplicationFileSafetyTests(PostgresOffersFixture fixture) : ApplicationFileSafetyTests<PostgresOffersFixture>(fixture);
