using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using TalentLink.Offers.Infrastructure;
using TalentLink.Offers.Model;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>Applications, uploads and the workflow; every test runs on both providers.</summary>
public abstract class ApplicationsApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task A_candidate_applies_with_a_pdf_cv_and_a_docx_cover_letter_and_the_recruiter_downloads_them()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var cv = Pdf();
        var letter = Docx();

        var application = await candidate.Client.AppliedAsync(offer.Id,
            Form((cv, "Jane Doe – CV.pdf"), (letter, "letter.docx"), declaredType: "application/octet-stream"));

        Assert.Equal("submitted", application.Status);
        Assert.Equal(candidate.Id, application.CandidateId);
        Assert.Equal(recruiter.Id, application.RecruiterId);
        var cvFile = application.Files.Single(f => f.Kind == "cv");
        Assert.Equal("Jane Doe – CV.pdf", cvFile.FileName);
        Assert.Equal("application/pdf", cvFile.ContentType);
        Assert.Equal(cv.Length, cvFile.Length);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", application.Files.Single(f => f.Kind == "cover-letter").ContentType);

        var list = await recruiter.Client.GetFromJsonAsync<PagedResult<ApplicationResponse>>($"/api/offers/{offer.Id}/applications");
        Assert.Equal([application.Id], list!.Items.Select(a => a.Id));

        var download = await recruiter.Client.GetAsync($"/api/offers/applications/{application.Id}/files/{cvFile.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(cv, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("Jane Doe – CV.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);

        // Stored under generated names: the uploader's name never reaches the file system.
        Assert.DoesNotContain(fixture.StoredFiles(), path => path.Contains("Jane", StringComparison.Ordinal) || path.EndsWith("letter.docx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cover_letter_can_be_typed_instead_of_uploaded()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();

        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Docx(), "cv.docx"), coverLetterText: "  Dear team,\nhere I am.  "));

        Assert.Equal("Dear team,\nhere I am.", application.CoverLetterText);
        Assert.Equal(["cv"], application.Files.Select(f => f.Kind));
    }

    [Fact]
    public async Task Applying_twice_to_the_same_offer_is_a_conflict()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        await candidate.Client.AppliedAsync(offer.Id);
        var files = fixture.StoredFiles();

        var second = await candidate.Client.ApplyAsync(offer.Id);

        await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(files, fixture.StoredFiles());
    }

    [Fact]
    public async Task Simultaneous_applications_by_one_candidate_store_exactly_one_application_and_its_files()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var filesBefore = fixture.StoredFiles().Count;

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Pdf(), "letter.pdf")))));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var rejected in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await rejected.AssertProblemAsync(HttpStatusCode.Conflict);
        }

        Assert.Equal(1, await CountApplicationsAsync(candidate.Id));
        Assert.Equal(filesBefore + 2, fixture.StoredFiles().Count);
    }

    [Fact]
    public async Task Applying_to_a_draft_is_not_found_and_to_a_closed_offer_is_a_conflict()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var draft = await recruiter.Client.CreateOfferAsync();
        var closed = await recruiter.Client.PublishedOfferAsync();
        await recruiter.Client.PostAsync($"/api/offers/{closed.Id}/close", null);
        var files = fixture.StoredFiles();

        await (await candidate.Client.ApplyAsync(draft.Id)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await candidate.Client.ApplyAsync(closed.Id)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await candidate.Client.ApplyAsync(Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(0, await CountApplicationsAsync(candidate.Id));
        Assert.Equal(files, fixture.StoredFiles());
    }

    [Fact]
    public async Task An_executable_renamed_to_pdf_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Executable(), "cv.pdf"), coverLetterText: "Hello"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("neither a PDF nor a DOCX", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_zip_that_is_not_a_word_document_is_refused_even_named_docx()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf"), (PlainZip(), "letter.docx")));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_real_one_page_pdf_passes_the_structure_check()
    {
        var (candidate, offer, _) = await ReadyToApplyAsync();
        var cv = TalentLink.DemoData.DemoCatalog.CurriculumVitae("Jane Doe");

        var application = await candidate.Client.AppliedAsync(offer.Id, Form((cv, "cv.pdf"), (Docx(), "letter.docx")));

        Assert.Equal(cv.Length, application.Files.Single(f => f.Kind == "cv").Length);
    }

    [Fact]
    public async Task A_pdf_with_a_garbage_body_and_no_trailer_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((PdfWithGarbageBody(), "cv.pdf"), coverLetterText: "Hello"));

        var detail = await RefusedDetailAsync(response);
        Assert.Contains("'cv'", detail);
        Assert.Contains("%%EOF", detail);
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task An_executable_behind_a_pdf_signature_and_trailer_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf"), (ExecutableBehindAPdfSignature(), "letter.pdf")));

        var detail = await RefusedDetailAsync(response);
        Assert.Contains("'coverLetter'", detail);
        Assert.Contains("cross-reference", detail);
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_zip_behind_a_pdf_signature_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((ZipBehindAPdfSignature(), "cv.pdf"), coverLetterText: "Hello"));

        Assert.Contains("not a valid PDF", await RefusedDetailAsync(response));
        await AssertNothingStoredAsync(candidate, files);
    }

    [Theory]
    [InlineData(60, "more than the 50 MB allowed")]
    [InlineData(5, "compressed more than 100:1")]
    public async Task A_zip_bomb_disguised_as_a_docx_is_refused_and_nothing_is_stored(int megabytes, string reason)
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();
        var bomb = ZipBombAsDocx(megabytes);
        Assert.True(bomb.Length < OffersFactory.MaxFileBytes, "The bomb must get past the upload size limit to test the package check.");

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf"), (bomb, "letter.docx")));

        var detail = await RefusedDetailAsync(response);
        Assert.Contains("'coverLetter'", detail);
        Assert.Contains(reason, detail);
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_docx_with_corrupt_compressed_data_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf"), (DocxWithCorruptData(), "letter.docx")));

        var detail = await RefusedDetailAsync(response);
        Assert.Contains("'coverLetter'", detail);
        Assert.Contains("not a readable ZIP package", detail);
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_docx_without_its_word_document_part_is_refused_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((DocxWithoutDocumentPart(), "cv.docx"), coverLetterText: "Hello"));

        Assert.Contains("word/document.xml", await RefusedDetailAsync(response));
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_it_streams_and_nothing_is_stored()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        // A valid CV first, so a committed-looking file exists when the oversized letter arrives.
        var response = await candidate.Client.ApplyAsync(offer.Id,
            Form((Pdf(), "cv.pdf"), (Pdf((int)OffersFactory.MaxFileBytes + 1), "letter.pdf")));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("MB limit", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(candidate, files);
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf")]
    [InlineData("..\\..\\windows\\cv.pdf")]
    [InlineData("/etc/cv.pdf")]
    [InlineData("C:cv.pdf")]
    [InlineData("..")]
    public async Task A_file_name_that_is_a_path_is_refused_and_nothing_is_stored(string fileName)
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var response = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), fileName), coverLetterText: "Hello"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("plain file name", problem.GetProperty("detail").GetString());
        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task A_cv_and_a_cover_letter_are_both_required()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();

        var noCv = await candidate.Client.ApplyAsync(offer.Id, Form(cv: null, coverLetterText: "Hello"));
        Assert.True((await noCv.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("cv", out _));

        var noLetter = await candidate.Client.ApplyAsync(offer.Id, Form((Pdf(), "cv.pdf")));
        Assert.True((await noLetter.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("coverLetter", out _));

        var notMultipart = await candidate.Client.PostAsJsonAsync($"/api/offers/{offer.Id}/applications", new { cv = "x" });
        await notMultipart.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        await AssertNothingStoredAsync(candidate, files);
    }

    [Fact]
    public async Task The_recruiter_moves_an_application_through_the_workflow_and_every_change_is_timestamped()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id);

        foreach (var verb in new[] { "review", "interview", "offer" })
        {
            var moved = await recruiter.Client.PostAsync($"/api/offers/applications/{application.Id}/{verb}", null);
            Assert.True(moved.StatusCode == HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        }

        var seen = await candidate.Client.GetFromJsonAsync<ApplicationResponse>($"/api/offers/applications/{application.Id}");
        Assert.Equal("offered", seen!.Status);
        Assert.Equal(
            [(null, "submitted"), ("submitted", "in-review"), ("in-review", "interview"), ("interview", "offered")],
            seen.History.Select(h => (h.From, h.To)));
        Assert.Equal(seen.History.Select(h => h.ChangedAt).Order(), seen.History.Select(h => h.ChangedAt));
        Assert.All(seen.History.Skip(1), h => Assert.Equal(recruiter.Id, h.ChangedBy));
    }

    [Theory]
    [InlineData(new string[0], "offer")]
    [InlineData(new string[0], "interview")]
    [InlineData(new[] { "reject" }, "review")]
    [InlineData(new[] { "review" }, "review")]
    [InlineData(new[] { "review", "interview", "offer" }, "reject")]
    public async Task An_illegal_status_change_is_a_conflict_and_changes_nothing(string[] path, string illegal)
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id);
        foreach (var verb in path)
        {
            await recruiter.Client.PostAsync($"/api/offers/applications/{application.Id}/{verb}", null);
        }

        var response = await recruiter.Client.PostAsync($"/api/offers/applications/{application.Id}/{illegal}", null);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var after = await candidate.Client.GetFromJsonAsync<ApplicationResponse>($"/api/offers/applications/{application.Id}");
        Assert.Equal(path.Length + 1, after!.History.Count);
    }

    [Fact]
    public async Task Only_the_candidate_withdraws_and_a_withdrawn_application_stays_withdrawn()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id);
        var url = $"/api/offers/applications/{application.Id}";

        await (await recruiter.Client.PostAsync($"{url}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        foreach (var recruiterVerb in new[] { "review", "interview", "offer", "reject" })
        {
            await (await candidate.Client.PostAsync($"{url}/{recruiterVerb}", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.OK, (await candidate.Client.PostAsync($"{url}/withdraw", null)).StatusCode);
        await (await recruiter.Client.PostAsync($"{url}/review", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await candidate.Client.PostAsync($"{url}/withdraw", null)).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_candidate_or_recruiter_cannot_see_change_or_download_an_application()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var otherCandidate = await fixture.NewUserAsync(Roles.Candidate);
        var otherRecruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id);
        var file = application.Files.Single();

        foreach (var intruder in new[] { otherCandidate, otherRecruiter })
        {
            await (await intruder.Client.GetAsync($"/api/offers/applications/{application.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            await (await intruder.Client.GetAsync($"/api/offers/applications/{application.Id}/files/{file.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
            var change = await intruder.Client.PostAsync(
                $"/api/offers/applications/{application.Id}/{(intruder == otherCandidate ? "withdraw" : "reject")}", null);
            await change.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await (await otherRecruiter.Client.GetAsync($"/api/offers/{offer.Id}/applications")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await otherCandidate.Client.GetAsync($"/api/offers/{offer.Id}/applications")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await otherCandidate.Client.DeleteAsync($"/api/offers/applications/{application.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous().GetAsync($"/api/offers/applications/{application.Id}/files/{file.Id}")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var untouched = await candidate.Client.GetFromJsonAsync<ApplicationResponse>($"/api/offers/applications/{application.Id}");
        Assert.Equal("submitted", untouched!.Status);
    }

    [Fact]
    public async Task A_candidate_lists_only_their_own_applications()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var other = await fixture.NewUserAsync(Roles.Candidate);
        var first = await recruiter.Client.PublishedOfferAsync();
        var second = await recruiter.Client.PublishedOfferAsync();
        var mine1 = await candidate.Client.AppliedAsync(first.Id);
        var mine2 = await candidate.Client.AppliedAsync(second.Id);
        await other.Client.AppliedAsync(first.Id);

        var mine = await candidate.Client.GetFromJsonAsync<PagedResult<ApplicationResponse>>("/api/offers/me/applications");

        Assert.Equal([mine2.Id, mine1.Id], mine!.Items.Select(a => a.Id));
        await (await recruiter.Client.GetAsync("/api/offers/me/applications")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Deleting_an_application_removes_its_rows_and_its_files()
    {
        var (candidate, offer, files) = await ReadyToApplyAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Docx(), "letter.docx")));
        Assert.Equal(files.Count + 2, fixture.StoredFiles().Count);

        var deleted = await candidate.Client.DeleteAsync($"/api/offers/applications/{application.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertNothingStoredAsync(candidate, files);
        await using var scope = fixture.Offers.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OffersContext>();
        Assert.False(await context.ApplicationFiles.AnyAsync(f => f.ApplicationId == application.Id));
        Assert.False(await context.ApplicationStatusChanges.AnyAsync(h => h.ApplicationId == application.Id));
    }

    [Fact]
    public async Task Has_applied_tells_a_recruiter_only_about_applications_to_their_own_offers()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var otherRecruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var url = $"/api/offers/candidates/{candidate.Id}/has-applied";
        Assert.False((await recruiter.Client.GetFromJsonAsync<HasAppliedResponse>(url))!.HasApplied);

        await candidate.Client.AppliedAsync(offer.Id);

        Assert.True((await recruiter.Client.GetFromJsonAsync<HasAppliedResponse>(url))!.HasApplied);
        Assert.False((await otherRecruiter.Client.GetFromJsonAsync<HasAppliedResponse>(url))!.HasApplied);
        await (await candidate.Client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<(TestUser Candidate, OfferResponse Offer, IReadOnlyList<string> Files)> ReadyToApplyAsync()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        return (candidate, offer, fixture.StoredFiles());
    }

    /// <summary>The detail of a 400 ProblemDetails refusing a document, with no stack trace in it.</summary>
    private static async Task<string> RefusedDetailAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid document", problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain("   at ", detail);
        return detail;
    }

    /// <summary>No application row for the candidate and exactly the files there were before (no temporary leftovers).</summary>
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

    [Fact]
    public async Task Admins_count_offers_and_applications_by_status_over_a_period_and_others_may_not()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        await recruiter.Client.CreateOfferAsync();
        await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Docx(), "letter.docx")));
        var admin = await fixture.AdminAsync();

        var url = $"/api/offers/statistics?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}";
        var statistics = await admin.GetFromJsonAsync<OfferStatisticsResponse>(url);
        Assert.True(statistics!.OffersByStatus["published"] >= 1);
        Assert.True(statistics.OffersByStatus["draft"] >= 1);
        Assert.True(statistics.ApplicationsByStatus["submitted"] >= 1);

        var empty = await admin.GetFromJsonAsync<OfferStatisticsResponse>("/api/offers/statistics?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z");
        Assert.All(empty!.OffersByStatus.Values, count => Assert.Equal(0, count));

        await (await admin.GetAsync("/api/offers/statistics?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await recruiter.Client.GetAsync("/api/offers/statistics")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteApplicationsApiTests(SqliteOffersFixture fixture) : ApplicationsApiTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresApplicationsApiTests(PostgresOffersFixture fixture) : ApplicationsApiTests<PostgresOffersFixture>(fixture);
