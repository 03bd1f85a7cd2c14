using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TalentLink.DemoData;

/// <summary>
/// Fills a fresh install through the public API (the gateway), exactly as clients would, so the demo
/// exercises every rule. Idempotent: an install that already has the demo accounts is left alone.
/// </summary>
public sealed class DemoSeeder(HttpClient http, ILogger<DemoSeeder> logger)
{
    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        var firstRecruiter = DemoCatalog.Companies[0].Recruiter;
        if (await TrySignInAsync(firstRecruiter, cancellationToken) is not null)
        {
            logger.LogInformation("Demo data is already present ({Email} exists); nothing to do", firstRecruiter);
            return false;
        }

        var offers = new List<List<Guid>>();
        foreach (var company in DemoCatalog.Companies)
        {
            var token = await RegisterAsync(company.Recruiter, "recruiter", cancellationToken);
            await PostAsync(token, "/api/profiles/companies", new
            {
                name = company.Name, description = company.Description, website = company.Website, location = company.Location, size = company.Size,
            }, cancellationToken);

            var ids = new List<Guid>();
            foreach (var offer in company.Offers)
            {
                var created = await PostAsync(token, "/api/offers", new
                {
                    title = offer.Title, description = offer.Description, location = offer.Location, remote = offer.Remote,
                    contractType = offer.Contract, salaryMin = offer.SalaryMin, salaryMax = offer.SalaryMax, currency = "EUR", skills = offer.Skills,
                }, cancellationToken);
                var id = created.GetProperty("id").GetGuid();
                await PostAsync(token, $"/api/offers/{id}/publish", null, cancellationToken);
                ids.Add(id);
            }

            offers.Add(ids);
            logger.LogInformation("Demo company {Company}: recruiter {Email}, {Count} published offers", company.Name, company.Recruiter, ids.Count);
        }

        var candidates = new List<(string Token, Guid Id)>();
        foreach (var candidate in DemoCatalog.Candidates)
        {
            var token = await RegisterAsync(candidate.Email, "candidate", cancellationToken);
            await SendAsync(HttpMethod.Put, token, "/api/profiles/me", new
            {
                headline = candidate.Headline, summary = candidate.Summary, location = candidate.Location, skills = candidate.Skills,
                experience = Array.Empty<object>(), education = Array.Empty<object>(), availability = candidate.Availability, visibility = "recruiters-only",
            }, cancellationToken);
            candidates.Add((token, UserId(token)));
            logger.LogInformation("Demo candidate {Email}", candidate.Email);
        }

        foreach (var (candidate, company, offer) in DemoCatalog.Applications)
        {
            using var form = new MultipartFormDataContent();
            var cv = new ByteArrayContent(DemoCatalog.CurriculumVitae(DemoCatalog.Candidates[candidate].Email));
            cv.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(cv, "cv", "cv.pdf");
            form.Add(new StringContent("I would love to join your team; my experience matches what you describe."), "coverLetterText");
            await SendContentAsync(HttpMethod.Post, candidates[candidate].Token, $"/api/offers/{offers[company][offer]}/applications", form, cancellationToken);
        }

        logger.LogInformation("Demo applications: {Count}", DemoCatalog.Applications.Length);

        // The first recruiter writes to a candidate who applied; the candidate answers.
        var recruiterToken = (await TrySignInAsync(firstRecruiter, cancellationToken))!;
        var conversation = await PostAsync(recruiterToken, "/api/messaging/conversations", new
        {
            participantIds = new[] { candidates[0].Id }, text = "Hello Ada, thanks for applying! Are you free for a call this week?", clientMessageId = Guid.NewGuid().ToString(),
        }, cancellationToken);
        var conversationId = conversation.GetProperty("id").GetGuid();
        await PostAsync(candidates[0].Token, $"/api/messaging/conversations/{conversationId}/messages", new
        {
            text = "Hi Nadia, yes: Thursday afternoon works for me.", clientMessageId = Guid.NewGuid().ToString(),
        }, cancellationToken);

        logger.LogInformation("Demo data ready. Every demo account's password is {Password}", DemoCatalog.Password);
        return true;
    }

    private async Task<string?> TrySignInAsync(string email, CancellationToken cancellationToken)
    {
        var response = await http.PostAsJsonAsync("/api/auth/sign-in", new { email, password = DemoCatalog.Password }, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK
            ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString()
            : null;
    }

    private async Task<string> RegisterAsync(string email, string role, CancellationToken cancellationToken)
    {
        await EnsureAsync(await http.PostAsJsonAsync("/api/auth/register", new { email, password = DemoCatalog.Password, role }, cancellationToken), "register " + email);
        return await TrySignInAsync(email, cancellationToken) ?? throw new InvalidOperationException($"Could not sign in as {email}.");
    }

    private Task<JsonElement> PostAsync(string token, string path, object? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, token, path, body, cancellationToken);

    private Task<JsonElement> SendAsync(HttpMethod method, string token, string path, object? body, CancellationToken cancellationToken) =>
        SendContentAsync(method, token, path, body is null ? null : JsonContent.Create(body), cancellationToken);

    private async Task<JsonElement> SendContentAsync(HttpMethod method, string token, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"{method} {path}");
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Demo data: {what} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The user id from an access token's <c>sub</c> claim (the token is ours; no validation needed here).</summary>
    private static Guid UserId(string accessToken)
    {
        var payload = accessToken.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("sub").GetGuid();
    }
}

/// <summary>Runs the seeder once, then ends the process (the dashboard shows it as finished).</summary>
public sealed class DemoSeederWorker(IServiceProvider services, IHostApplicationLifetime lifetime, ILogger<DemoSeederWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await services.GetRequiredService<DemoSeeder>().SeedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Demo data could not be loaded");
            Environment.ExitCode = 1;
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
