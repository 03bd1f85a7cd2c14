using System.Globalization;
using System.Text;

namespace TalentLink.Benchmarks.Load;

/// <summary>Prints each run as it ends, then every run per operation with the providers side by side, then the summary and the goals.</summary>
internal static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Progress(string platform, RunResult result)
    {
        Console.WriteLine(Format($"{platform}: {result.Name}: {result.Total.Throughput:F0} req/s, p50 {result.Total.P50:F1} ms, p95 {result.Total.P95:F1} ms, p99 {result.Total.P99:F1} ms, errors {result.Total.ErrorText}{LockText(result.LockWaits)} (load average {result.LoadAverage})"));
        if (result.Total.ErrorCount > 0 && result.Served is { } served)
        {
            Console.WriteLine(Format($"{platform}: {result.Name}: served (2xx) {served.Throughput:F0} req/s, p50 {served.P50:F1} ms, p95 {served.P95:F1} ms, p99 {served.P99:F1} ms"));
        }

        if (result.CpuPerRequest.Count > 0)
        {
            Console.WriteLine($"{platform}: {result.Name}: {CpuText(result.CpuPerRequest)}");
        }

        if (result.ServerStalls is { } stalls)
        {
            Console.WriteLine($"{platform}: {result.Name}: PostgreSQL server: {stalls}");
        }
    }

    /// <summary>"CPU per request: offers 1.10 ms, gateway 0.52 ms, …; 2.4 ms in all, so 2 cores serve at most 830 req/s".</summary>
    private static string CpuText(IReadOnlyList<(string Part, double MillisecondsPerRequest)> cpu)
    {
        var total = cpu.Sum(c => c.MillisecondsPerRequest);
        var parts = string.Join(", ", cpu.Select(c => Format($"{c.Part} {c.MillisecondsPerRequest:F2} ms")));
        return Format($"CPU per request: {parts}; {total:F2} ms in all, so {Environment.ProcessorCount} cores serve at most {Environment.ProcessorCount * 1000 / total:F0} req/s");
    }

    public static void Print(IReadOnlyList<(string Platform, RunResult Result)> all, LoadOptions options)
    {
        // Per operation, the first round; the summary and the pairs list every round.
        var results = all.Where(r => r.Result.Pair == 1).ToList();
        var platforms = results.Select(r => r.Platform).Where(p => p != "reference").Distinct().ToList();
        foreach (var run in results.Where(r => r.Platform != "reference").Select(r => r.Result.Name).Distinct())
        {
            Console.WriteLine($"\n== {run} ({(run.StartsWith("saturation", StringComparison.Ordinal) ? "no think time" : $"think {options.ThinkMin.TotalSeconds:0.#}–{options.ThinkMax.TotalSeconds:0.#} s")}, {options.Duration.TotalSeconds:0} s measured) ==");
            var header = new StringBuilder($"{"operation",-20}");
            foreach (var platform in platforms)
            {
                header.Append(Invariant, $" | {platform + " req/s",15} {"p50",7} {"p95",7} {"p99",7} {"errors",-10}");
            }

            Console.WriteLine(header);
            var byPlatform = platforms.ToDictionary(p => p, p => results.FirstOrDefault(r => r.Platform == p && r.Result.Name == run).Result);
            var operations = byPlatform.Values.OfType<RunResult>().SelectMany(r => r.Operations.Select(o => o.Name)).Distinct().Append("all");
            foreach (var operation in operations)
            {
                var line = new StringBuilder($"{operation,-20}");
                foreach (var platform in platforms)
                {
                    var result = byPlatform[platform];
                    var o = operation == "all" ? result?.Total : result?.Operations.FirstOrDefault(x => x.Name == operation);
                    line.Append(o is null ? $" | {"",15} {"",7} {"",7} {"",7} {"",-10}"
                        : Format($" | {o.Throughput,15:F1} {o.P50,7:F1} {o.P95,7:F1} {o.P99,7:F1} {o.ErrorText,-10}"));
                }

                Console.WriteLine(line);
            }
        }

        Console.WriteLine("\n== Summary (latencies in ms, seen by the load generator) ==");
        Console.WriteLine($"{"platform",-12} {"pair",4} {"run",-26} {"req/s",8} {"p50",7} {"p95",7} {"p99",8} {"errors",-22} {"lock wait",-22} load avg");
        foreach (var (platform, result) in all)
        {
            var t = result.Total;
            Console.WriteLine(Format($"{platform,-12} {result.Pair,4} {result.Name,-26} {t.Throughput,8:F0} {t.P50,7:F1} {t.P95,7:F1} {t.P99,8:F1} {t.ErrorText,-22} {LockColumn(result.LockWaits),-22} {result.LoadAverage}"));
        }

        Console.WriteLine("\n== What the PostgreSQL server saw during each run ==");
        foreach (var (platform, result) in all.Where(r => r.Result.ServerStalls is not null))
        {
            Console.WriteLine($"{platform,-12} {result.Pair,4} {result.Name,-26} {result.ServerStalls}");
        }

        Console.WriteLine("\n== Where a request's CPU goes (measured window, this machine's processes only) ==");
        foreach (var (platform, result) in results.Where(r => r.Result.CpuPerRequest.Count > 0))
        {
            Console.WriteLine($"{platform,-10} {result.Name,-26} {CpuText(result.CpuPerRequest)}");
        }

        Goals(results, options);
        Pairs(all);
    }

    /// <summary>
    /// PostgreSQL against SQLite at the largest load up to the goal's, pair by pair (each pair ran
    /// back to back, so the machine's drift cancels), with SQLite at full durability beside them.
    /// </summary>
    private static void Pairs(IReadOnlyList<(string Platform, RunResult Result)> all)
    {
        var users = all.Where(r => r.Platform == "postgres").Select(r => r.Result.Name)
            .Where(n => n.EndsWith(" users", StringComparison.Ordinal) && int.TryParse(n.Split(' ')[0], out var u) && u <= LoadOptions.GoalUsers)
            .Select(n => int.Parse(n.Split(' ')[0], Invariant)).DefaultIfEmpty(0).Max();
        var run = $"{users} users";
        RunResult? Find(string platform, int pair) => all.FirstOrDefault(r => r.Platform == platform && r.Result.Pair == pair && r.Result.Name == run).Result;
        var pairs = all.Select(r => r.Result.Pair).Distinct().Order()
            .Select(p => (Pair: p, Sqlite: Find("sqlite", p), Postgres: Find("postgres", p), Full: Find(TalentLinkPlatform.SqliteFull, p)))
            .Where(p => p.Sqlite is not null && p.Postgres is not null).ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        Console.WriteLine($"\n== PostgreSQL against SQLite, {run}, every pair (p99 ms; errors) ==");
        Console.WriteLine($"{"pair",4} {"SQLite",16} {"PostgreSQL",16} {"ratio",7} {"SQLite FULL",16} {"FULL ratio",10}  generator CPU/request S / P");
        var ratios = new List<double>();
        foreach (var (pair, sqlite, postgres, full) in pairs)
        {
            var ratio = postgres!.Total.P99 / sqlite!.Total.P99;
            ratios.Add(ratio);
            var fullText = full is null ? "" : Format($"{full.Total.P99:F1} ({full.Total.ErrorCount})");
            var fullRatio = full is null ? "" : Format($"{full.Total.P99 / sqlite.Total.P99:F2}×");
            var cpu = GeneratorCpu(sqlite) is { } s && GeneratorCpu(postgres) is { } p ? Format($"{s:F2} / {p:F2} ms") : "n/a";
            Console.WriteLine(Format($"{pair,4} {$"{sqlite.Total.P99:F1} ({sqlite.Total.ErrorCount})",16} {$"{postgres.Total.P99:F1} ({postgres.Total.ErrorCount})",16} {ratio,6:F2}× {fullText,16} {fullRatio,10}  {cpu}"));
        }

        var median = Median(ratios);
        var errors = pairs.Sum(p => p.Postgres!.Total.ErrorCount);
        Console.WriteLine(Format($"median PostgreSQL/SQLite p99 ratio over {pairs.Count} pairs: {median:F2}× — goal ≤ 1.5×: {(median <= 1.5 ? "met" : "NOT met")}; PostgreSQL errors in all: {errors} — goal 0: {(errors == 0 ? "met" : "NOT met")}"));
        var fulls = pairs.Where(p => p.Full is not null).Select(p => p.Full!.Total.P99 / p.Sqlite!.Total.P99).ToList();
        if (fulls.Count > 0)
        {
            Console.WriteLine(Format($"median SQLite synchronous=FULL/NORMAL p99 ratio: {Median(fulls):F2}×"));
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Goals(IReadOnlyList<(string Platform, RunResult Result)> results, LoadOptions options)
    {
        Console.WriteLine("\n== Goals ==");
        RunResult? Find(string platform, string name) => results.FirstOrDefault(r => r.Platform == platform && r.Result.Name == name).Result;
        var main = results.Select(r => r.Platform).FirstOrDefault(p => p != "reference");
        if (main is null)
        {
            return;
        }

        foreach (var users in new[] { LoadOptions.GoalUsers, 10 * LoadOptions.GoalUsers })
        {
            if (Find(main, $"{users} users") is { } run)
            {
                var met = run.Total.P99 < 100 && run.Total.ErrorCount == 0;
                Console.WriteLine(Format($"{users} users on {main}: p99 {run.Total.P99:F1} ms, {run.Total.ErrorCount} errors — goal p99 < 100 ms and no error: {(met ? "met" : "NOT met")}{(users > LoadOptions.GoalUsers ? " (stretch)" : "")}"));
            }
        }

        var reference = results.FirstOrDefault(r => r.Platform == "reference").Result;
        var saturation = Find(main, $"saturation, {options.SaturationUsers} users");
        if (reference is not null && saturation is not null)
        {
            var ratio = saturation.Total.Throughput / reference.Total.Throughput;
            Console.WriteLine(Format($"saturation on {main}: {saturation.Total.Throughput:F0} req/s = {ratio:P1} of the reference's {reference.Total.Throughput:F0} req/s (p99 {reference.Total.P99:F1} ms; wrk measured ~57,000 req/s, p99 4.7 ms) — goal ≥ 25%: {(ratio >= 0.25 ? "met" : "NOT met")}"));
            if (Find(main, $"{OfferReads.Run}, {options.SaturationUsers} users") is { } ceiling)
            {
                Console.WriteLine(Format($"  ceiling through the gateway (view offer only, from cache): {ceiling.Total.Throughput:F0} req/s = {ceiling.Total.Throughput / reference.Total.Throughput:P1} of the reference; the mix reached {saturation.Total.Throughput / ceiling.Total.Throughput:P0} of it"));
            }
        }

        if (Find("sqlite", $"{LoadOptions.GoalUsers} users") is { } sqlite && Find("postgres", $"{LoadOptions.GoalUsers} users") is { } postgres)
        {
            var factor = postgres.Total.P99 / sqlite.Total.P99;
            Console.WriteLine(Format($"PostgreSQL p99 at {LoadOptions.GoalUsers} users: {postgres.Total.P99:F1} ms = {factor:F2}× SQLite's {sqlite.Total.P99:F1} ms — goal ≤ 1.5×: {(factor <= 1.5 ? "met" : "NOT met")}"));
            if (GeneratorCpu(sqlite) is { } onSqlite && GeneratorCpu(postgres) is { } onPostgres)
            {
                // Both runs sent the same requests (same seed), so the generator did the same work in each:
                // a different CPU time per request means the machine itself ran at a different speed.
                Console.WriteLine(Format($"  the load generator's own CPU per request, the same work in both runs: {onSqlite:F2} ms on SQLite's, {onPostgres:F2} ms on PostgreSQL's ({onPostgres / onSqlite - 1:+0%;-0%;0%}: {(Math.Abs(onPostgres / onSqlite - 1) > 0.1 ? "the machine's speed differed between the runs; repeat the pair" : "the machine ran alike")})"));
            }
        }
    }

    private static double? GeneratorCpu(RunResult run) =>
        run.CpuPerRequest.Where(c => c.Part == CpuProfile.LoadGenerator).Select(c => (double?)c.MillisecondsPerRequest).FirstOrDefault();

    private static string LockText(LockWaits? waits) => waits is null ? "" : Format($", lock wait {waits.Seconds:F2} s ({waits.Share:P1} of service time)");

    private static string LockColumn(LockWaits? waits) => waits is null ? "n/a" : Format($"{waits.Seconds:F2} s ({waits.Share:P1})");

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
