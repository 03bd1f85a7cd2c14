namespace TalentLink.Tests.Security;

/// <summary>
/// The expected authorization table, <c>Security/AuthorizationMatrix.md</c>: one row per endpoint
/// (service, method, route template) saying, for each caller, <c>allow</c> (the request gets past
/// authentication and authorization) or <c>deny</c> (401 for anonymous, 403 for a signed-in role),
/// and the ownership rule the handler applies to the resource it names.
/// </summary>
public sealed record AuthorizationRule(string Service, string Method, string Route, IReadOnlyDictionary<string, string> Callers, string Ownership)
{
    public const string FileName = "Security/AuthorizationMatrix.md";
    public static readonly string[] CallerColumns = ["anonymous", Roles.Candidate, Roles.Recruiter, Roles.Admin];

    public string Key => $"{Service} {Method} {Route}";

    public static IReadOnlyList<AuthorizationRule> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        var rules = new List<AuthorizationRule>();
        foreach (var line in File.ReadLines(path).Select(l => l.Trim()).Where(l => l.StartsWith('|')))
        {
            var cells = line.Trim('|').Split('|').Select(c => c.Trim().Trim('`')).ToArray();
            if (cells.Length != 8 || cells[0] == "service" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var callers = CallerColumns.Select((caller, i) => (caller, cells[3 + i])).ToDictionary(c => c.caller, c => c.Item2);
            rules.Add(new AuthorizationRule(cells[0], cells[1], cells[2], callers, cells[7]));
        }

        return rules;
    }

    /// <summary>The markdown row for an endpoint, with the verdicts observed (for the "add this row" message).</summary>
    public static string Row(ApiEndpoint endpoint, IReadOnlyDictionary<string, string> observed) =>
        $"| {endpoint.Service} | {endpoint.Method} | `{endpoint.Template}` | {string.Join(" | ", CallerColumns.Select(c => observed[c]))} | <who may act on the resource it names, or -> |";
}
