using TalentLink.Profiles.Model;

namespace TalentLink.Tests.Profiles;

/// <summary>Request bodies and calls the Profiles tests share.</summary>
internal static class ProfileRequests
{
    public static object Profile(
        string headline = "Backend developer",
        string? location = "Paris, France",
        string[]? skills = null,
        string availability = "immediately",
        string? availableFrom = null,
        string visibility = "public",
        object[]? experience = null) => new
        {
            headline,
            summary = "Ten years of services and databases.",
            location,
            skills = skills ?? ["C#", "SQL"],
            experience = experience ?? [new { title = "Developer", company = "Acme", startDate = "2019-03-01", endDate = "2024-06-30", description = "APIs." }],
            education = new[] { new { school = "Université de Lyon", degree = "MSc Computer Science", startDate = "2014-09-01", endDate = "2016-06-30" } },
            availability,
            availableFrom,
            visibility,
        };

    public static object Company(string name = "Acme", string? website = "https://acme.example", string? size = "11-50") => new
    {
        name,
        description = "We build things.",
        website,
        location = "Lyon",
        size,
    };

    public static async Task<CandidateProfileResponse> PutProfileAsync(this TestUser user, object profile)
    {
        var response = await user.Client.PutAsJsonAsync("/api/profiles/me", profile);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CandidateProfileResponse>())!;
    }

    public static async Task<CompanyResponse> CreateCompanyAsync(this TestUser recruiter, object company)
    {
        var response = await recruiter.Client.PostAsJsonAsync("/api/profiles/companies", company);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CompanyResponse>())!;
    }

    public static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}
