using System.Diagnostics;
using System.Net.Http.Json;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// The realistic mix: candidates browsing and acting through the gateway. A user starts a new session
/// on average every <c>--session</c> requests (and before the access token nears its ten-minute
/// lifetime). As a returning client does, it renews its tokens with its refresh token ("renew session");
/// a share of session starts (<c>--password-sign-ins</c>: a new device, a refresh token past its 14
/// days, a signed-out user) signs in with the password instead ("sign in"). Weights per request within
/// a session: search 30, view offer 25, read messages 13, update profile 8, send message 10, list
/// conversations 7, apply with a CV 7.
/// </summary>
internal sealed class CandidateMix(TimedHttp http, Marketplace marketplace, int sessionLength, double passwordSignIns) : IScenario
{
    private static readonly TimeSpan TokenRenewal = TimeSpan.FromMinutes(8);
    private static readonly (string Operation, int Weight)[] Weights =
    [
        ("search offers", 30), ("view offer", 25), ("read messages", 13), ("send message", 10),
        ("update profile", 8), ("list conversations", 7), ("apply with CV", 7),
    ];

    private static readonly int TotalWeight = Weights.Sum(w => w.Weight);
    private readonly Dictionary<int, Session> _sessions = [];

    public async Task StepAsync(int user, Random random, LatencyRecorder recorder)
    {
        var account = marketplace.Candidates[user % marketplace.Candidates.Count];
        Session? session;
        lock (_sessions)
        {
            // A user starts mid-session, with its account's newest access token.
            if (!_sessions.TryGetValue(user, out session))
            {
                var tokens = account.Tokens;
                session = new Session(tokens.AccessToken, tokens.IssuedAt);
                _sessions[user] = session;
            }
        }

        if (random.Next(sessionLength) == 0 || Stopwatch.GetElapsedTime(session.StartedAt) > TokenRenewal)
        {
            var renewed = await account.RenewAsync(current => StartSessionAsync(account, current, random, recorder));
            lock (_sessions)
            {
                _sessions[user] = new Session(renewed.AccessToken, renewed.IssuedAt);
            }

            return;
        }

        var pick = random.Next(TotalWeight);
        var operation = Weights.First(w => (pick -= w.Weight) < 0).Operation;
        var offer = marketplace.Offers[random.Next(marketplace.Offers.Count)];
        HttpRequestMessage request = operation switch
        {
            "search offers" => new(HttpMethod.Get, SearchPath(random)),
            "view offer" => new(HttpMethod.Get, $"/api/offers/{offer}"),
            "read messages" => new(HttpMethod.Get, $"/api/messaging/conversations/{account.ConversationId}/messages?limit=20"),
            "send message" => new(HttpMethod.Post, $"/api/messaging/conversations/{account.ConversationId}/messages")
            {
                Content = JsonContent.Create(new { text = "Thanks, Thursday afternoon works for me.", clientMessageId = Guid.NewGuid().ToString() }),
            },
            "update profile" => new(HttpMethod.Put, "/api/profiles/me") { Content = JsonContent.Create(Marketplace.Profile(random, "Paris")) },
            "list conversations" => new(HttpMethod.Get, "/api/messaging/conversations"),
            _ when account.TryClaim(offer) => new(HttpMethod.Post, $"/api/offers/{offer}/applications") { Content = Marketplace.ApplicationForm(account.Email) },
            // Every offer already applied to by this account: the user browses instead.
            _ => new(HttpMethod.Get, SearchPath(random)),
        };
        if (request.Method == HttpMethod.Get && request.RequestUri!.OriginalString.StartsWith("/api/offers?", StringComparison.Ordinal))
        {
            operation = "search offers";
        }

        await http.SendAsync(recorder, operation, request, session.Token);
    }

    /// <summary>
    /// A new session: the refresh token exchanged for new tokens, or a sign-in with the password. As a
    /// client does, one refused for a reason that leaves the tokens good (503 shed with
    /// <c>Retry-After</c>, a timeout) keeps them and tries again at its next request; only a refused
    /// refresh token (401) sends the account back to its password.
    /// </summary>
    private async Task<AccountTokens?> StartSessionAsync(CandidateAccount account, AccountTokens current, Random random, LatencyRecorder recorder)
    {
        var (body, error) = current.RefreshToken is { } refreshToken && random.NextDouble() >= passwordSignIns
            ? await http.SendForOutcomeAsync(recorder, "renew session", new HttpRequestMessage(HttpMethod.Post, "/api/auth/refresh")
            {
                Content = JsonContent.Create(new { refreshToken }),
            })
            : await http.SendForOutcomeAsync(recorder, "sign in", new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
            {
                Content = JsonContent.Create(new { email = account.Email, password = Marketplace.Password }),
            });
        return error is null || error == "401" ? AccountTokens.From(body) : current;
    }

    private static string SearchPath(Random random)
    {
        var term = Marketplace.SearchTerms[random.Next(Marketplace.SearchTerms.Length)];
        return random.Next(3) switch
        {
            0 => $"/api/offers?q={term}",
            1 => $"/api/offers?q={term}&remote=remote&sort=salary",
            _ => $"/api/offers?q={term}&salaryMin=50000&page=1&pageSize=20",
        };
    }

    private sealed record Session(string Token, long StartedAt);
}
