using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Offers.Infrastructure;
using TalentLink.Offers.Model;
using TalentLink.Offers.Services;
using TalentLink.Tests.Offers;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.PersonalData;

/// <summary>
/// Erasing a candidate in Offers deletes their CVs and cover letters only once the transaction that
/// removes the rows naming them has committed: a failed erasure leaves the rows and every file, so a
/// recruiter never meets an application whose files are gone, and the retried erasure finishes the job.
/// </summary>
public abstract class OffersErasureTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task A_failed_erasure_keeps_the_applications_and_every_file_and_its_retry_removes_them()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var bystander = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await recruiter.Client.PublishedOfferAsync();
        var application = await candidate.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), (Pdf(), "letter.pdf")));
        var untouched = await bystander.Client.AppliedAsync(offer.Id, Form((Pdf(), "cv.pdf"), coverLetterText: "Hello."));
        var filesBefore = fixture.StoredFiles();

        await ExecuteAsync(RefuseFileDeletion);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => EraseAsync(candidate.Id));
        }
        finally
        {
            await ExecuteAsync(AllowFileDeletion);
        }

        Assert.Equal(filesBefore, fixture.StoredFiles());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], await recruiter.Client.DownloadStatusesAsync(application));

        await EraseAsync(candidate.Id);

        Assert.Equal(filesBefore.Count - 2, fixture.StoredFiles().Count);
        Assert.Equal([HttpStatusCode.OK], await recruiter.Client.DownloadStatusesAsync(untouched));
        var erased = await recruiter.Client.GetFromJsonAsync<ApplicationResponse>($"/api/offers/applications/{application.Id}");
        Assert.Empty(erased!.Files);
        Assert.NotEqual(candidate.Id, erased.CandidateId);
    }

    /// <summary>A trigger that fails every deletion of a file row, as a full disk or a lost connection would.</summary>
    private string RefuseFileDeletion => fixture.Provider == DatabaseProvider.Postgres
        ? """
          CREATE FUNCTION refuse_file_deletion() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'file rows cannot be deleted now'; END $$;
          CREATE TRIGGER refuse_file_deletion BEFORE DELETE ON application_files FOR EACH ROW EXECUTE FUNCTION refuse_file_deletion();
          """
        : "CREATE TRIGGER refuse_file_deletion BEFORE DELETE ON application_files BEGIN SELECT RAISE(ABORT, 'file rows cannot be deleted now'); END;";

    private string AllowFileDeletion => fixture.Provider == DatabaseProvider.Postgres
        ? "DROP TRIGGER refuse_file_deletion ON application_files; DROP FUNCTION refuse_file_deletion();"
        : "DROP TRIGGER refuse_file_deletion;";

    private async Task ExecuteAsync(string sql)
    {
        await using var scope = fixture.Offers.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OffersContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task EraseAsync(Guid userId)
    {
        await using var scope = fixture.Offers.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OffersPersonalData>().EraseAsync(userId, CancellationToken.None);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteOffersErasureTests(SqliteOffersFixture fixture) : OffersErasureTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresOffersErasureTests(PostgresOffersFixture fixture) : OffersErasureTests<PostgresOffersFixture>(fixture);
