using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TalentLink.Tests.Security;

/// <summary>The hostile-input corpus and the checks every answer to it must pass.</summary>
public static class HostileInput
{
    /// <summary>Bodies no endpoint can accept: broken, truncated or of the wrong JSON type.</summary>
    public static readonly IReadOnlyList<(string Case, string Body)> MalformedBodies =
    [
        ("truncated object", "{"),
        ("truncated property", "{\"name\":"),
        ("unterminated string", "{\"name\":\"abc"),
        ("trailing garbage", "{} xyz"),
        ("array instead of object", "[]"),
        ("string instead of object", "\"text\""),
        ("number instead of object", "42"),
        ("null body", "null"),
        ("empty body", ""),
        ("not JSON at all", "<xml>hello</xml>"),
        ("deeply nested", string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000)),
        ("invalid UTF-8", "\"\xC3\x28\""),
    ];

    /// <summary>Strings that have broken services before: injections, control and bidi characters, huge values.</summary>
    public static readonly IReadOnlyList<(string Case, string Value)> HostileStrings =
    [
        ("SQL injection", "x'); DROP TABLE \"Users\"; --"),
        ("SQL tautology", "' OR '1'='1"),
        ("script tag", "<script>alert(document.cookie)</script>"),
        ("NUL character", "before\u0000after"),
        ("right-to-left override", "invoice\u202Efdp.exe"),
        ("zero-width and combining marks", "a\u200B\u0301\u0301\u0301b"),
        ("path traversal", "../../../../etc/passwd"),
        ("10k characters", new string('x', 10_000)),
        ("emoji and astral plane", "👩🏽‍💻𝕏"),
    ];

    /// <summary>JSON values (raw) that are valid JSON but are no string, number, date or identifier anyone expects.</summary>
    public static readonly IReadOnlyList<(string Case, string Json)> HostileJsonValues =
    [
        ("NoSQL operator", "{\"$gt\":\"\"}"),
        ("NoSQL $where", "{\"$where\":\"sleep(1000)\"}"),
        ("lone high surrogate", "\"\\ud800\""),
        ("lone low surrogate", "\"x\\udc00y\""),
        ("huge number", "1e400"),
        ("array of objects", "[{},{}]"),
    ];

    /// <summary>Values for route parameters and query strings.</summary>
    public static readonly IReadOnlyList<(string Case, string Value)> HostileUrlValues =
    [
        ("path traversal", "..%2F..%2F..%2Fetc%2Fpasswd"),
        ("encoded NUL", "abc%00def"),
        ("SQL injection", "1%27%20OR%20%271%27%3D%271"),
        ("NoSQL operator", "%7B%22%24gt%22%3A%22%22%7D"),
        ("script tag", "%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        ("not a number", "abc"),
        ("negative", "-1"),
        ("overflow", "99999999999999999999999"),
        ("long", new string('9', 5_000)),
    ];

    /// <summary>Query parameter names the services read (paging, search, filters, cursors, periods).</summary>
    public static readonly IReadOnlyList<string> QueryNames =
    [
        "page", "pageSize", "q", "query", "skills", "location", "availability", "status", "role", "email", "from", "to",
        "sort", "before", "after", "since", "cursor", "limit", "category", "targetType", "remote", "contractType", "salaryMin", "unreadOnly",
    ];

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A JSON body with raw UTF-8 bytes (for invalid encodings).</summary>
    public static ByteArrayContent RawJson(string body)
    {
        var content = new ByteArrayContent(body.Select(c => (byte)c).ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static readonly string[] Leaks = ["   at ", "Exception", "System.", "Microsoft.", "Npgsql", "SqliteError", "SQLite Error", "stack"];

    /// <summary>The request was refused the way a client can act on: a 4xx RFC 9457 problem that tells nothing of the implementation.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"{what}: expected a 4xx but got {status}: {Shorten(body)}");
        AssertProblem(response, body, what);
    }

    /// <summary>The service did not fail: a success, or a 4xx problem; never a 5xx; no implementation detail leaks either way.</summary>
    public static async Task AssertHandledAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{what}: the service failed with {status}: {Shorten(body)}");
        if (status >= 400)
        {
            AssertProblem(response, body, what);
        }
        else
        {
            Assert.DoesNotContain("   at ", body);
        }
    }

    private static void AssertProblem(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        Assert.True("application/problem+json" == response.Content.Headers.ContentType?.MediaType,
            $"{what}: {status} without a problem body ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {Shorten(body)}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("status", out var problemStatus) && problemStatus.GetInt32() == status, $"{what}: the problem's status is not {status}: {Shorten(body)}");
        Assert.True(problem.RootElement.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()), $"{what}: the problem has no title");
        if (status == 400)
        {
            Assert.True(problem.RootElement.TryGetProperty("detail", out _) || problem.RootElement.TryGetProperty("errors", out _),
                $"{what}: a 400 that does not say what was wrong: {Shorten(body)}");
        }

        foreach (var leak in Leaks)
        {
            Assert.False(body.Contains(leak, StringComparison.Ordinal), $"{what}: the response leaks '{leak}': {Shorten(body)}");
        }
    }

    private static string Shorten(string body) => body.Length > 600 ? body[..600] + "…" : body;
}
