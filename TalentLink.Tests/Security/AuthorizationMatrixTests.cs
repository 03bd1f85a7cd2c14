using System.Text;

namespace TalentLink.Tests.Security;

/// <summary>
/// Every endpoint of every relational service, called by anonymous, candidate, recruiter and admin,
/// is allowed or denied exactly as <c>Security/AuthorizationMatrix.md</c> says. A new endpoint
/// without a row fails with the row to add; a row whose endpoint is gone fails with the row to remove.
/// </summary>
[Trait("Category", "integration")]
public sealed class AuthorizationMatrixTests(SqlitePlatform platform) : IClassFixture<SqlitePlatform>
{
    [Fact]
    public async Task Every_endpoint_allows_and_denies_each_role_as_the_authorization_matrix_says()
    {
        var expected = AuthorizationRule.Load().ToDictionary(rule => rule.Key);
        var problems = new StringBuilder();
        var seen = new HashSet<string>();

        foreach (var service in platform.Services)
        {
            var callers = new Dictionary<string, HttpClient> { ["anonymous"] = service.Anonymous() };
            foreach (var role in AuthorizationRule.CallerColumns.Skip(1))
            {
                callers[role] = (await service.SignInAsync(role)).Client;
            }

            foreach (var endpoint in service.Endpoints())
            {
                var key = $"{endpoint.Service} {endpoint.Method} {endpoint.Template}";
                seen.Add(key);
                var observed = new Dictionary<string, string>();
                foreach (var (caller, client) in callers)
                {
                    var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url()) { Content = endpoint.EmptyBody() });
                    observed[caller] = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "deny" : "allow";
                    if (caller == "anonymous" && response.StatusCode == HttpStatusCode.Forbidden)
                    {
                        problems.AppendLine($"- {key}: anonymous got 403 instead of 401 (a challenge).");
                    }
                }

                // Signing out with no refresh token ends every session of the caller, access tokens included: sign in again.
                if (endpoint.Template.EndsWith("sign-out", StringComparison.Ordinal))
                {
                    foreach (var role in AuthorizationRule.CallerColumns.Skip(1))
                    {
                        callers[role] = (await service.SignInAsync(role)).Client;
                    }
                }

                if (!expected.TryGetValue(key, out var rule))
                {
                    problems.AppendLine($"- {key} has no row. Add this row to TalentLink.Tests/{AuthorizationRule.FileName} (the verdicts are what it does now; check them):");
                    problems.AppendLine($"  {AuthorizationRule.Row(endpoint, observed)}");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(rule.Ownership) || rule.Ownership.StartsWith('<'))
                {
                    problems.AppendLine($"- {key}: the row's ownership column is empty; say who may act on the resource it names, or '-'.");
                }

                foreach (var caller in AuthorizationRule.CallerColumns.Where(c => rule.Callers[c] != observed[c]))
                {
                    problems.AppendLine($"- {key}: the row says {caller}: {rule.Callers[caller]}, but the endpoint answers {caller}: {observed[caller]}.");
                }
            }
        }

        foreach (var gone in expected.Keys.Where(key => !seen.Contains(key)))
        {
            problems.AppendLine($"- {gone}: no service maps this endpoint any more; remove its row from TalentLink.Tests/{AuthorizationRule.FileName}.");
        }

        Assert.True(problems.Length == 0, $"The endpoints do not match the authorization matrix:{Environment.NewLine}{problems}");
    }
}
