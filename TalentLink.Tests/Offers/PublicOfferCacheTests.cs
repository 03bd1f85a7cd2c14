using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TalentLink.Data;
using TalentLink.Offers.Infrastructure;
using TalentLink.Offers.Model;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>
/// Public offer reads come from memory for every caller, yet a change shows on the next read and what
/// only an owner or an admin may see is never served to anyone else; on both providers.
/// </summary>
public abstract class PublicOfferCacheTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task A_repeated_search_is_served_from_memory_to_another_signed_in_caller()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var word = UniqueWord();
        var offer = await recruiter.Client.PublishedOfferAsync(Offer(title: $"Platform engineer {word}"));
        var candidate = await fixture.NewUserAsync(Roles.Candidate);

        var first = await fixture.Anonymous().GetAsync($"/api/offers?q={word}");
        var second = await candidate.Client.GetAsync($"/api/offers?q={word}");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age); // answered from the cache
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var page = await second.Content.ReadFromJsonAsync<PagedResult<OfferResponse>>();
        Assert.Equal([offer.Id], page!.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task An_edit_shows_on_the_next_search_and_view_although_both_were_cached()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var word = UniqueWord();
        var offer = await recruiter.Client.PublishedOfferAsync(Offer(title: $"Data engineer {word}"));
        for (var i = 0; i < 2; i++)
        {
            await fixture.Anonymous().GetStringAsync($"/api/offers?q={word}");
            await fixture.Anonymous().GetStringAsync($"/api/offers/{offer.Id}");
        }

        var edited = await recruiter.Client.PutAsJsonAsync($"/api/offers/{offer.Id}", Offer(title: $"Lead data engineer {word}", salaryMin: 70_000, salaryMax: 90_000));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var search = await fixture.Anonymous().GetAsync($"/api/offers?q={word}");
        Assert.Null(search.Headers.Age);
        var found = Assert.Single((await search.Content.ReadFromJsonAsync<PagedResult<OfferResponse>>())!.Items);
        Assert.Equal($"Lead data engineer {word}", found.Title);
        var view = await fixture.Anonymous().GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}");
        Assert.Equal(new SalaryRange(70_000, 90_000, "EUR"), view!.Salary);
    }

    [Fact]
    public async Task A_hidden_offer_disappears_at_once_and_its_owners_view_is_never_served_to_others()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await recruiter.Client.PublishedOfferAsync();
        await fixture.Anonymous().GetStringAsync($"/api/offers/{offer.Id}");
        var cached = await fixture.Anonymous().GetAsync($"/api/offers/{offer.Id}");
        Assert.NotNull(cached.Headers.Age);

        var admin = await fixture.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/offers/{offer.Id}/hide", null)).StatusCode);

        await (await fixture.Anonymous().GetAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var ownerView = await recruiter.Client.GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}");
        Assert.True(ownerView!.Hidden);
        var adminView = await admin.GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}");
        Assert.True(adminView!.Hidden);
        await (await fixture.Anonymous().GetAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var otherCandidate = await fixture.NewUserAsync(Roles.Candidate);
        await (await otherCandidate.Client.GetAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_draft_its_owner_reads_is_never_served_to_anyone_else()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var draft = await recruiter.Client.CreateOfferAsync();
        for (var i = 0; i < 2; i++)
        {
            var own = await recruiter.Client.GetAsync($"/api/offers/{draft.Id}");
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Null(own.Headers.Age);
        }

        await (await fixture.Anonymous().GetAsync($"/api/offers/{draft.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_write_in_a_transaction_is_announced_when_it_commits_and_never_when_it_rolls_back()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await recruiter.Client.PublishedOfferAsync();
        var changes = fixture.Offers.Services.GetRequiredService<CommittedChanges>();
        var announced = 0;
        changes.Subscribe(_ => { Interlocked.Increment(ref announced); return ValueTask.CompletedTask; }, typeof(Offer));

        async Task TouchAsync(Func<OffersContext, Task>? inTransaction)
        {
            await using var scope = fixture.Offers.Services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<OffersContext>();
            var stored = await context.Offers.SingleAsync(o => o.Id == offer.Id);
            stored.UpdatedAt = stored.UpdatedAt.AddSeconds(1);
            if (inTransaction is null)
            {
                await context.SaveChangesAsync();
                return;
            }

            // PostgreSQL's retrying strategy runs a caller's transaction as one retriable unit.
            await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await context.Database.BeginTransactionAsync();
                await context.SaveChangesAsync();
                Assert.Equal(0, announced); // saved, but not committed yet
                await inTransaction(context);
            });
        }

        await TouchAsync(context => context.Database.RollbackTransactionAsync());
        Assert.Equal(0, announced);

        await TouchAsync(context => context.Database.CommitTransactionAsync());
        Assert.Equal(1, announced);

        await TouchAsync(null);
        Assert.Equal(2, announced);
    }
}

[Trait("Category", "integration")]
public sealed class SqlitePublicOfferCacheTests(SqliteOffersFixture fixture) : PublicOfferCacheTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresPublicOfferCacheTests(PostgresOffersFixture fixture) : PublicOfferCacheTests<PostgresOffersFixture>(fixture);
