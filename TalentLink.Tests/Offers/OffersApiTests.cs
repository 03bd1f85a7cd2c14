using TalentLink.Offers.Model;
using static TalentLink.Tests.Offers.OffersTestData;

namespace TalentLink.Tests.Offers;

/// <summary>Offers: writing, publishing, visibility, search and moderation; every test runs on both providers.</summary>
public abstract class OffersApiTests<TFixture>(TFixture fixture) : IClassFixture<TFixture> where TFixture : OffersFixture
{
    [Fact]
    public async Task A_recruiter_creates_edits_publishes_and_closes_an_offer_showing_the_company_from_profiles()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync("Acme Robotics");

        var draft = await recruiter.Client.CreateOfferAsync(Offer(skills: ["C#", " SQL ", "c#"]));
        Assert.Equal("draft", draft.Status);
        Assert.Equal("Acme Robotics", draft.Company?.Name);
        Assert.False(draft.CompanyUnavailable);
        Assert.Equal(["c#", "sql"], draft.Skills);

        var edited = await recruiter.Client.PutAsJsonAsync($"/api/offers/{draft.Id}", Offer(title: "Lead .NET developer", salaryMin: 60_000, salaryMax: 80_000, skills: ["azure"]));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var afterEdit = (await edited.Content.ReadFromJsonAsync<OfferResponse>())!;
        Assert.Equal("Lead .NET developer", afterEdit.Title);
        Assert.Equal(new SalaryRange(60_000, 80_000, "EUR"), afterEdit.Salary);
        Assert.Equal(["azure"], afterEdit.Skills);

        var published = await (await recruiter.Client.PostAsync($"/api/offers/{draft.Id}/publish", null)).Content.ReadFromJsonAsync<OfferResponse>();
        Assert.Equal("published", published!.Status);
        Assert.NotNull(published.PublishedAt);

        var publicView = await fixture.Anonymous().GetFromJsonAsync<OfferResponse>($"/api/offers/{draft.Id}");
        Assert.Equal("Lead .NET developer", publicView!.Title);

        var closed = await (await recruiter.Client.PostAsync($"/api/offers/{draft.Id}/close", null)).Content.ReadFromJsonAsync<OfferResponse>();
        Assert.Equal("closed", closed!.Status);

        var republish = await recruiter.Client.PostAsync($"/api/offers/{draft.Id}/publish", null);
        await republish.AssertProblemAsync(HttpStatusCode.Conflict);
        var editClosed = await recruiter.Client.PutAsJsonAsync($"/api/offers/{draft.Id}", Offer());
        await editClosed.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_salary_range_with_the_minimum_above_the_maximum_is_rejected_and_nothing_is_saved()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();

        var response = await recruiter.Client.PostAsJsonAsync("/api/offers", Offer(salaryMin: 90_000, salaryMax: 40_000));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("salaryMin", problem.GetProperty("errors").GetProperty("salaryMax")[0].GetString());
        var mine = await recruiter.Client.GetFromJsonAsync<PagedResult<OfferResponse>>("/api/offers/me");
        Assert.Equal(0, mine!.TotalCount);
    }

    [Fact]
    public async Task An_offer_with_unknown_vocabulary_or_missing_fields_is_rejected_field_by_field()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();

        var response = await recruiter.Client.PostAsJsonAsync("/api/offers",
            new OfferRequest("", "d", "Paris", "sometimes", "forever", 1, 2, "euros", null));

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var field in new[] { "title", "remote", "contractType", "currency" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}");
        }
    }

    [Fact]
    public async Task Only_recruiters_write_offers()
    {
        var candidate = await fixture.NewUserAsync(Roles.Candidate);

        await (await candidate.Client.PostAsJsonAsync("/api/offers", Offer())).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PostAsJsonAsync("/api/offers", Offer())).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_draft_is_visible_only_to_its_owner()
    {
        var owner = await fixture.NewRecruiterWithCompanyAsync();
        var other = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var word = UniqueWord();
        var draft = await owner.Client.CreateOfferAsync(Offer(title: $"Draft {word}"));

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/offers/{draft.Id}")).StatusCode);
        await (await other.Client.GetAsync($"/api/offers/{draft.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await candidate.Client.GetAsync($"/api/offers/{draft.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await fixture.Anonymous().GetAsync($"/api/offers/{draft.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        var search = await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}");
        Assert.Equal(0, search!.TotalCount);
    }

    [Fact]
    public async Task Another_recruiter_cannot_edit_publish_close_or_delete_an_offer()
    {
        var owner = await fixture.NewRecruiterWithCompanyAsync();
        var other = await fixture.NewRecruiterWithCompanyAsync();
        var offer = await owner.Client.PublishedOfferAsync();

        await (await other.Client.PutAsJsonAsync($"/api/offers/{offer.Id}", Offer(title: "Mine now"))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.PostAsync($"/api/offers/{offer.Id}/close", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.DeleteAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.Forbidden);

        var unchanged = await fixture.Anonymous().GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}");
        Assert.Equal(offer.Title, unchanged!.Title);
        Assert.Equal("published", unchanged.Status);
    }

    [Fact]
    public async Task Search_matches_every_word_of_the_title_or_description_as_a_prefix()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var word = UniqueWord();
        var inTitle = await recruiter.Client.PublishedOfferAsync(Offer(title: $"Backend {word} engineer", description: "Kubernetes and Go."));
        var inDescription = await recruiter.Client.PublishedOfferAsync(Offer(title: "Platform engineer", description: $"You will love {word}, and Kubernetes."));
        await recruiter.Client.PublishedOfferAsync(Offer(title: "Unrelated", description: "Nothing to see."));

        var both = await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word.ToUpperInvariant()}");
        Assert.Equal([inDescription.Id, inTitle.Id], both!.Items.Select(o => o.Id));

        var prefix = await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word[..8]}+kubern");
        Assert.Equal(2, prefix!.TotalCount);

        var narrowed = await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}+backend");
        Assert.Equal([inTitle.Id], narrowed!.Items.Select(o => o.Id));
    }

    [Fact]
    public async Task Search_follows_edits_and_deletions()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var before = UniqueWord();
        var after = UniqueWord();
        var offer = await recruiter.Client.PublishedOfferAsync(Offer(title: $"Engineer {before}"));

        await recruiter.Client.PutAsJsonAsync($"/api/offers/{offer.Id}", Offer(title: $"Engineer {after}"));

        Assert.Equal(0, (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={before}"))!.TotalCount);
        Assert.Equal(1, (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={after}"))!.TotalCount);

        await recruiter.Client.DeleteAsync($"/api/offers/{offer.Id}");
        Assert.Equal(0, (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={after}"))!.TotalCount);
    }

    [Fact]
    public async Task Search_filters_by_location_remote_contract_salary_overlap_and_skills()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var word = UniqueWord();
        var lyon = await recruiter.Client.PublishedOfferAsync(Offer(title: word, location: "Lyon, France", remote: "hybrid", contractType: "permanent", salaryMin: 40_000, salaryMax: 50_000, skills: ["c#", "sql"]));
        var paris = await recruiter.Client.PublishedOfferAsync(Offer(title: word, location: "Paris", remote: "remote", contractType: "freelance", salaryMin: 70_000, salaryMax: 90_000, skills: ["c#", "azure"]));
        var usd = await recruiter.Client.PublishedOfferAsync(Offer(title: word, location: "Paris", remote: "on-site", contractType: "permanent", salaryMin: 45_000, salaryMax: 55_000, currency: "USD", skills: ["go"]));

        async Task<Guid[]> Ids(string filter) =>
            (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}&{filter}"))!.Items.Select(o => o.Id).Order().ToArray();

        Assert.Equal(new[] { paris.Id, usd.Id }.Order(), await Ids("location=PARIS"));
        Assert.Equal([paris.Id], await Ids("remote=remote"));
        Assert.Equal(new[] { lyon.Id, usd.Id }.Order(), await Ids("contract=permanent"));
        Assert.Equal([lyon.Id], await Ids("salaryMin=48000&salaryMax=52000&currency=EUR"));
        Assert.Equal(new[] { lyon.Id, usd.Id }.Order(), await Ids("salaryMax=50000"));
        Assert.Equal([paris.Id], await Ids("salaryMin=60000"));
        Assert.Equal(new[] { lyon.Id, paris.Id }.Order(), await Ids("skills=C%23"));
        Assert.Equal([paris.Id], await Ids("skills=c%23&skills=azure"));
        Assert.Equal([paris.Id], await Ids("skills=c%23,azure"));
    }

    [Fact]
    public async Task Search_sorts_by_salary_or_newest_and_pages_without_gaps_or_repeats()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var word = UniqueWord();
        var created = new List<OfferResponse>();
        foreach (var salary in new[] { 50_000, 80_000, 50_000, 65_000, 50_000 })
        {
            created.Add(await recruiter.Client.PublishedOfferAsync(Offer(title: word, salaryMin: salary - 10_000, salaryMax: salary)));
        }

        async Task<List<OfferResponse>> All(string sort)
        {
            var all = new List<OfferResponse>();
            for (var page = 1; page <= 3; page++)
            {
                var result = await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}&sort={sort}&page={page}&pageSize=2");
                Assert.Equal(5, result!.TotalCount);
                Assert.Equal(3, result.TotalPages);
                all.AddRange(result.Items);
            }

            return all;
        }

        var bySalary = await All("salary");
        Assert.Equal([80_000, 65_000, 50_000, 50_000, 50_000], bySalary.Select(o => o.Salary.Max));
        Assert.Equal(5, bySalary.Select(o => o.Id).Distinct().Count());

        var newest = await All("newest");
        Assert.Equal(created.Select(o => o.Id).Reverse(), newest.Select(o => o.Id));
    }

    [Theory]
    [InlineData("remote=sometimes")]
    [InlineData("contract=forever")]
    [InlineData("salaryMin=9&salaryMax=1")]
    [InlineData("sort=cheapest")]
    [InlineData("page=0")]
    [InlineData("pageSize=1000")]
    public async Task A_search_with_an_invalid_parameter_is_a_bad_request(string query)
    {
        var response = await fixture.Anonymous().GetAsync($"/api/offers?{query}");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_hidden_offer_disappears_from_search_and_detail_except_for_its_owner_and_admins()
    {
        var owner = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var admin = await fixture.AdminAsync();
        var word = UniqueWord();
        var offer = await owner.Client.PublishedOfferAsync(Offer(title: word));

        var hidden = await admin.PostAsync($"/api/offers/{offer.Id}/hide", null);
        Assert.True((await hidden.Content.ReadFromJsonAsync<OfferResponse>())!.Hidden);

        Assert.Equal(0, (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}"))!.TotalCount);
        await (await fixture.Anonymous().GetAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await candidate.Client.GetAsync($"/api/offers/{offer.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await candidate.Client.ApplyAsync(offer.Id)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.True((await owner.Client.GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}"))!.Hidden);
        Assert.True((await admin.GetFromJsonAsync<OfferResponse>($"/api/offers/{offer.Id}"))!.Hidden);

        await admin.PostAsync($"/api/offers/{offer.Id}/unhide", null);
        Assert.Equal(1, (await fixture.Anonymous().GetFromJsonAsync<PagedResult<OfferResponse>>($"/api/offers?q={word}"))!.TotalCount);
    }

    [Fact]
    public async Task Only_admins_hide_and_unhide_offers()
    {
        var owner = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var offer = await owner.Client.PublishedOfferAsync();

        await (await owner.Client.PostAsync($"/api/offers/{offer.Id}/hide", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await candidate.Client.PostAsync($"/api/offers/{offer.Id}/unhide", null)).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await fixture.Anonymous().PostAsync($"/api/offers/{offer.Id}/hide", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await (await fixture.AdminAsync()).PostAsync($"/api/offers/{Guid.NewGuid()}/hide", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_offer_without_applications_is_deleted_but_one_with_applications_is_a_conflict()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync();
        var candidate = await fixture.NewUserAsync(Roles.Candidate);
        var lonely = await recruiter.Client.PublishedOfferAsync();
        var popular = await recruiter.Client.PublishedOfferAsync();
        await candidate.Client.AppliedAsync(popular.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await recruiter.Client.DeleteAsync($"/api/offers/{lonely.Id}")).StatusCode);
        await (await fixture.Anonymous().GetAsync($"/api/offers/{lonely.Id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        var refused = await recruiter.Client.DeleteAsync($"/api/offers/{popular.Id}");
        Assert.Contains("close it instead", (await refused.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous().GetAsync($"/api/offers/{popular.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_recruiter_without_a_company_page_gets_offers_without_a_company_and_no_unavailability_flag()
    {
        var recruiter = await fixture.NewUserAsync(Roles.Recruiter);

        var offer = await recruiter.Client.CreateOfferAsync();

        Assert.Null(offer.Company);
        Assert.False(offer.CompanyUnavailable);
    }

    [Fact]
    public async Task When_profiles_is_down_the_offer_is_saved_with_the_company_flagged_unavailable_and_publishing_later_fills_it_in()
    {
        var recruiter = await fixture.NewRecruiterWithCompanyAsync("Globex");
        fixture.Profiles.Down = true;
        OfferResponse created;
        try
        {
            var callsBefore = fixture.Profiles.Calls;
            created = await recruiter.Client.CreateOfferAsync();
            Assert.Null(created.Company);
            Assert.True(created.CompanyUnavailable);
            Assert.Equal(3, fixture.Profiles.Calls - callsBefore); // one attempt and two retries, then it gives up

            var stored = await recruiter.Client.GetFromJsonAsync<OfferResponse>($"/api/offers/{created.Id}");
            Assert.True(stored!.CompanyUnavailable);
        }
        finally
        {
            fixture.Profiles.Down = false;
        }

        var published = await (await recruiter.Client.PostAsync($"/api/offers/{created.Id}/publish", null)).Content.ReadFromJsonAsync<OfferResponse>();
        Assert.Equal("Globex", published!.Company?.Name);
        Assert.False(published.CompanyUnavailable);
    }
}

[Trait("Category", "integration")]
public sealed class SqliteOffersApiTests(SqliteOffersFixture fixture) : OffersApiTests<SqliteOffersFixture>(fixture);

[Trait("Category", "integration")]
public sealed class PostgresOffersApiTests(PostgresOffersFixture fixture) : OffersApiTests<PostgresOffersFixture>(fixture);
