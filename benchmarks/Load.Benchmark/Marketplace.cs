using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace TalentLink.Benchmarks.Load;

/// <summary>An account's current tokens: the access token users send, the refresh token that renews them, and when they were issued.</summary>
internal sealed record AccountTokens(string AccessToken, string? RefreshToken, long IssuedAt)
{
    /// <summary>The tokens of a sign-in or refresh response body; null for anything else.</summary>
    public static AccountTokens? From(string? body)
    {
        if (body is null)
        {
            return null;
        }

        var root = JsonDocument.Parse(body).RootElement;
        return new AccountTokens(root.GetProperty("accessToken").GetString()!, root.GetProperty("refreshToken").GetString(),
            System.Diagnostics.Stopwatch.GetTimestamp());
    }
}

/// <summary>A seeded candidate account: shared by the simulated users mapped onto it.</summary>
internal sealed class CandidateAccount(string email, Guid conversationId, AccountTokens tokens)
{
    private readonly HashSet<Guid> _applied = [];
    private readonly SemaphoreSlim _renewal = new(1, 1);
    private AccountTokens _tokens = tokens;

    public string Email { get; } = email;

    public Guid ConversationId { get; } = conversationId;

    /// <summary>The account's newest tokens: a user starting mid-session uses its access token.</summary>
    public AccountTokens Tokens => Volatile.Read(ref _tokens);

    /// <summary>
    /// Renews the account's tokens, one renewal at a time: a refresh token is spent once, so the users
    /// sharing this account must not exchange the same one twice (that reads as token theft and revokes
    /// the whole family). <paramref name="renew"/> gets the current tokens and returns the new ones, or
    /// null when it failed (the next renewal then signs in with the password).
    /// </summary>
    public async Task<AccountTokens> RenewAsync(Func<AccountTokens, Task<AccountTokens?>> renew)
    {
        await _renewal.WaitAsync();
        try
        {
            var renewed = await renew(Tokens) ?? Tokens with { RefreshToken = null };
            Volatile.Write(ref _tokens, renewed);
            return renewed;
        }
        finally
        {
            _renewal.Release();
        }
    }

    /// <summary>Claims an offer this account has not applied to yet (so applying is never a conflict).</summary>
    public bool TryClaim(Guid offer)
    {
        lock (_applied)
        {
            return _applied.Add(offer);
        }
    }
}

/// <summary>
/// What the simulated users work with, created through the gateway exactly as clients would:
/// recruiters with a company and published offers, candidates with a profile, one application
/// each, and a conversation the recruiter opened with them.
/// </summary>
internal sealed class Marketplace
{
    public const string Password = "Load-Benchmark-Password-2026";

    public static readonly string[] SearchTerms = ["engineer", "developer", "data", "senior", "platform", "cloud", "backend", "python", "security", "analyst"];
    private static readonly string[] Titles = ["Senior Backend Engineer", "Data Engineer", "Frontend Developer", "Cloud Platform Engineer", "Security Analyst", "Python Developer", "Site Reliability Engineer", "Data Analyst"];
    private static readonly string[] RemoteModes = ["remote", "hybrid", "on-site"];
    private static readonly string[] Cities = ["Paris", "Lyon", "Berlin", "Madrid", "Lisbon"];
    private static readonly string[][] Skills = [["c#", ".net", "sql"], ["python", "sql"], ["typescript", "react"], ["kubernetes", "cloud"], ["security"], ["python", "django"], ["linux", "observability"], ["sql", "statistics"]];

    public required IReadOnlyList<Guid> Offers { get; init; }

    public required IReadOnlyList<CandidateAccount> Candidates { get; init; }

    /// <summary>A one-page PDF that passes Offers' structure check (the demo data's, xref table included).</summary>
    public static byte[] CurriculumVitae(string name) => TalentLink.DemoData.DemoCatalog.CurriculumVitae(name);

    public static object Profile(Random random, string location) => new
    {
        headline = Titles[random.Next(Titles.Length)],
        summary = $"Looking for a new challenge; {random.Next(2, 15)} years of experience.",
        location,
        skills = Skills[random.Next(Skills.Length)],
        experience = Array.Empty<object>(),
        education = Array.Empty<object>(),
        availability = "immediately",
        visibility = "recruiters-only",
    };

    public static async Task<Marketplace> SeedAsync(HttpClient http, LoadOptions options)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        var recruiters = new (string Token, List<Guid> Offers)[options.Recruiters];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Recruiters), parallel, async (r, ct) =>
        {
            var token = (await RegisterAsync(http, $"recruiter{r}-{run}@load.talentlink.local", "recruiter")).AccessToken;
            var random = new Random(r);
            await SendAsync(http, HttpMethod.Post, "/api/profiles/companies", token, JsonContent.Create(new
            {
                name = $"Load Company {r} {run}", description = "A company created by the load benchmark.", website = "https://load.example",
                location = Cities[r % Cities.Length], size = "51-200",
            }));
            var offers = new List<Guid>();
            for (var o = 0; o < options.OffersPerRecruiter; o++)
            {
                var kind = random.Next(Titles.Length);
                var salary = 40000 + 1000 * random.Next(0, 40);
                var created = await SendAsync(http, HttpMethod.Post, "/api/offers", token, JsonContent.Create(new
                {
                    title = Titles[kind], description = $"Join team {o} to build data-heavy products; {Titles[kind].ToLowerInvariant()} work in {Cities[o % Cities.Length]}.",
                    location = Cities[o % Cities.Length], remote = RemoteModes[o % RemoteModes.Length], contractType = "permanent",
                    salaryMin = salary, salaryMax = salary + 15000, currency = "EUR", skills = Skills[kind],
                }));
                var id = created.GetProperty("id").GetGuid();
                await SendAsync(http, HttpMethod.Post, $"/api/offers/{id}/publish", token, null);
                offers.Add(id);
            }

            recruiters[r] = (token, offers);
        });

        var allOffers = recruiters.SelectMany(r => r.Offers).ToList();
        var candidates = new CandidateAccount[options.Candidates];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Candidates), parallel, async (c, ct) =>
        {
            var email = $"candidate{c}-{run}@load.talentlink.local";
            var tokens = await RegisterAsync(http, email, "candidate");
            var token = tokens.AccessToken;
            var random = new Random(c);
            await SendAsync(http, HttpMethod.Put, "/api/profiles/me", token, JsonContent.Create(Profile(random, Cities[c % Cities.Length])));
            var recruiter = recruiters[c % recruiters.Length];
            var offer = recruiter.Offers[random.Next(recruiter.Offers.Count)];
            await SendAsync(http, HttpMethod.Post, $"/api/offers/{offer}/applications", token, ApplicationForm(email));
            var conversation = await SendAsync(http, HttpMethod.Post, "/api/messaging/conversations", recruiter.Token, JsonContent.Create(new
            {
                participantIds = new[] { UserId(token) }, text = "Thanks for applying! Are you free for a call this week?", clientMessageId = Guid.NewGuid().ToString(),
            }));
            var account = new CandidateAccount(email, conversation.GetProperty("id").GetGuid(), tokens);
            account.TryClaim(offer);
            candidates[c] = account;
        });

        return new Marketplace { Offers = allOffers, Candidates = candidates };
    }

    public static MultipartFormDataContent ApplicationForm(string name)
    {
        var form = new MultipartFormDataContent();
        var cv = new ByteArrayContent(CurriculumVitae(name));
        cv.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        form.Add(cv, "cv", "cv.pdf");
        form.Add(new StringContent("I would love to join your team; my experience matches what you describe."), "coverLetterText");
        return form;
    }

    private static async Task<AccountTokens> RegisterAsync(HttpClient http, string email, string role)
    {
        await SendAsync(http, HttpMethod.Post, "/api/auth/register", null, JsonContent.Create(new { email, password = Password, role }));
        var signedIn = await SendAsync(http, HttpMethod.Post, "/api/auth/sign-in", null, JsonContent.Create(new { email, password = Password }));
        return AccountTokens.From(signedIn.GetRawText())!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? token, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Seeding: {method} {path} failed with {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The user id from an access token's <c>sub</c> claim (our own token; no validation needed).</summary>
    private static Guid UserId(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetGuid();
    }
}
