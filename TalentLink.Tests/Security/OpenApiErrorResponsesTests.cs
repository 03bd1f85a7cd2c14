using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace TalentLink.Tests.Security;

/// <summary>
/// Every endpoint declares the errors it can answer with (<c>.ProducesProblem(...)</c>,
/// <c>.ProducesValidationProblem()</c>), so each service's OpenAPI document is complete: an endpoint
/// behind authorization declares its 401, and every endpoint but the public discovery documents
/// declares at least one 4xx.
/// </summary>
[Trait("Category", "integration")]
public sealed class OpenApiErrorResponsesTests(SqlitePlatform platform) : IClassFixture<SqlitePlatform>
{
    private static readonly HashSet<string> CannotFail =
    [
        "auth GET .well-known/jwks.json",
        "auth GET .well-known/openid-configuration",
    ];

    [Fact]
    public void Every_endpoint_declares_its_error_responses()
    {
        var problems = new StringBuilder();
        foreach (var endpoint in platform.Services.SelectMany(s => s.Endpoints()))
        {
            var key = $"{endpoint.Service} {endpoint.Method} {endpoint.Template}";
            var declared = endpoint.Endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
                .Select(m => m.StatusCode).Where(code => code >= 400).ToHashSet();
            if (!endpoint.AllowsAnonymous && !declared.Contains(StatusCodes.Status401Unauthorized))
            {
                problems.AppendLine($"- {key} requires a token but does not declare 401.");
            }

            if (declared.Count == 0 && !CannotFail.Contains(key))
            {
                problems.AppendLine($"- {key} declares no error response.");
            }
        }

        Assert.True(problems.Length == 0, "Endpoints with incomplete error declarations:\n" + problems);
    }
}
