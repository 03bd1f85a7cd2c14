using System.Diagnostics;
using TalentLink.Offers.Services;
using TalentLink.Platform;

namespace TalentLink.Benchmarks.Search;

/// <summary>Times the searches a job board runs most, through the same code as <c>GET /api/offers</c>.</summary>
public static class SearchBenchmark
{
    private static readonly (string Name, OfferSearchRequest Request, PageRequest Page)[] Scenarios =
    [
        ("newest, no filter, page 1", Search(), new PageRequest(1, 20)),
        ("newest, no filter, page 250", Search(), new PageRequest(250, 20)),
        ("text: common word 'engineer'", Search(q: "engineer"), new PageRequest(1, 20)),
        ("text: two words 'senior backend'", Search(q: "senior backend"), new PageRequest(1, 20)),
        ("text: prefixes 'princip secur' (rare)", Search(q: "princip secur"), new PageRequest(1, 20)),
        ("text + location + remote + salary", Search(q: "developer", location: "lyon", remote: "hybrid", salaryMin: 50_000, salaryMax: 70_000), new PageRequest(1, 20)),
        ("skills c# + postgresql", Search(skills: ["c#", "postgresql"]), new PageRequest(1, 20)),
        ("salary sort, overlap 60-80k EUR", Search(salaryMin: 60_000, salaryMax: 80_000, currency: "EUR", sort: "salary"), new PageRequest(1, 20)),
        ("location 'paris', contract freelance", Search(location: "paris", contract: "freelance"), new PageRequest(1, 20)),
    ];

    public static async Task RunAsync(BenchmarkDatabase database, int iterations)
    {
        Console.WriteLine($"{"query",-40} {"matches",9} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
        foreach (var (name, request, page) in Scenarios)
        {
            var timings = new List<double>();
            long total = 0;
            for (var i = 0; i < BenchmarkOptions.Warmup + iterations; i++)
            {
                await using var context = database.CreateContext();
                var stopwatch = Stopwatch.StartNew();
                var result = await OfferSearch.RunAsync(context, request, page, CancellationToken.None);
                stopwatch.Stop();
                total = result.TotalCount;
                if (i >= BenchmarkOptions.Warmup)
                {
                    timings.Add(stopwatch.Elapsed.TotalMilliseconds);
                }
            }

            timings.Sort();
            Console.WriteLine($"{name,-40} {total,9:N0} {Percentile(timings, 0.50),8:F1} {Percentile(timings, 0.95),8:F1} {timings[^1],8:F1}");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    private static OfferSearchRequest Search(
        string? q = null, string? location = null, string? remote = null, string? contract = null,
        int? salaryMin = null, int? salaryMax = null, string? currency = null, string[]? skills = null, string? sort = null) =>
        new(q, location, remote, contract, salaryMin, salaryMax, currency, skills, sort);
}
