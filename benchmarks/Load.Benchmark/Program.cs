using System.Diagnostics;
using TalentLink.Benchmarks.Load;

// Load benchmark: N simulated candidates through the gateway of a whole TalentLink (the AppHost
// started here, on SQLite and on PostgreSQL), beside a bare reference endpoint. See LoadOptions.Usage.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(args.FirstOrDefault() == "rpo" ? PlatformRpo.Usage : LoadOptions.Usage);
    return;
}

if (args.FirstOrDefault() == "rpo")
{
    ThreadPool.SetMinThreads(Math.Max(200, Environment.ProcessorCount * 16), 200);
    await PlatformRpo.RunAsync(args[1..]);
    return;
}

var options = LoadOptions.Parse(args);
ThreadPool.SetMinThreads(Math.Max(200, Environment.ProcessorCount * 16), 200);
Console.WriteLine($"Load benchmark: {Machine.Describe()}");
Console.WriteLine($"users {string.Join(", ", options.Users)}; think {options.ThinkMin.TotalSeconds:0.#}–{options.ThinkMax.TotalSeconds:0.#} s; " +
    $"{options.Duration.TotalSeconds:0} s measured per run; saturation {options.SaturationUsers} users; at most {options.MaxConnections} connections; " +
    $"a session every {options.SessionLength} requests, {options.PasswordSignIns:P0} of them signed in with the password");

var results = new List<(string Platform, RunResult Result)>();
var saturationRamp = TimeSpan.FromSeconds(3);

if (options.Reference)
{
    await using var reference = await ReferenceEndpoint.StartAsync();
    using var http = new TimedHttp(reference.Address, options.MaxConnections);
    var recorder = await LoadGenerator.RunAsync(new ReferenceRead(http), options.ReferenceConnections, TimeSpan.Zero, TimeSpan.Zero, saturationRamp, options.Duration, options.Seed);
    var result = recorder.Result($"reference, {options.ReferenceConnections} connections", options.Duration, null);
    results.Add(("reference", result));
    Report.Progress("reference", result);
}

// Every platform is started and seeded once, then the runs at the goal's load go round the platforms
// (SQLite, PostgreSQL, SQLite at full durability) --pairs times, so that a machine shared with others
// drifts alike for the platforms of one pair; the idle platforms meanwhile run only their timers.
// Saturation, the ceiling and the overload come last, on the first two platforms only.
var platforms = new List<(string Provider, TalentLinkPlatform Platform, TimedHttp Http, Marketplace Marketplace, LockWaits? LockWaits)>();
try
{
    foreach (var provider in options.Providers)
    {
        Console.WriteLine($"\n{provider}: starting the platform …");
        var stopwatch = Stopwatch.StartNew();
        var platform = options.Gateway is null
            ? await TalentLinkPlatform.StartAsync(provider, options.PostgresServer)
            : TalentLinkPlatform.External(options.Gateway, options.StatsDirectory);
        var serverPriority = provider == "postgres" && Machine.PostgresNice() is { } nice ? $"; local PostgreSQL server at nice {nice}" : "";
        Console.WriteLine($"{provider}: gateway {platform.Gateway} healthy after {stopwatch.Elapsed.TotalSeconds:F0} s{serverPriority}; seeding …");

        var http = new TimedHttp(platform.Gateway, options.MaxConnections);
        platforms.Add((provider, platform, http, null!, null));
        stopwatch.Restart();
        var marketplace = await Marketplace.SeedAsync(http.Client, options);
        Console.WriteLine($"{provider}: {options.Recruiters} recruiters, {marketplace.Offers.Count} offers, {marketplace.Candidates.Count} candidates seeded in {stopwatch.Elapsed.TotalSeconds:F0} s");
        platforms[^1] = (provider, platform, http, marketplace, await platform.LockWaitsAsync(DateTimeOffset.UtcNow));
    }

    async Task RunAsync(int index, int pair, string name, IScenario scenario, int users, TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan ramp)
    {
        var (provider, platform, http, marketplace, lockWaits) = platforms[index];
        // CPU and the server's stalls are read over the measured window only, as the latencies are.
        var window = Task.Run(async () =>
        {
            await Task.Delay(ramp);
            var start = CpuProfile.Take();
            await using var stalls = options.Gateway is null ? await ServerStalls.StartAsync(options.PostgresServer, platform.DatabasePrefix) : null;
            await Task.Delay(options.Duration);
            var end = CpuProfile.Take();
            return (start, end, stalls is null ? null : await stalls.StopAsync());
        });
        var recorder = await LoadGenerator.RunAsync(scenario, users, thinkMin, thinkMax, ramp, options.Duration, options.Seed + pair - 1);
        var after = await platform.LockWaitsAsync(DateTimeOffset.UtcNow);
        var (cpuStart, cpuEnd, stalls) = await window;
        var measured = recorder.Result(name, options.Duration, LockWaits.Between(lockWaits, after));
        var result = measured with { CpuPerRequest = CpuProfile.PerRequest(cpuStart, cpuEnd, measured.Total.Count), Pair = pair, ServerStalls = stalls };
        platforms[index] = (provider, platform, http, marketplace, after);
        results.Add((provider, result));
        Report.Progress(options.Pairs > 1 ? $"{provider} (pair {pair})" : provider, result);
    }

    CandidateMix Mix(int index) => new(platforms[index].Http, platforms[index].Marketplace, options.SessionLength, options.PasswordSignIns);

    // The runs at the goal's load (up to 1,000 users) come first, on platforms no overload has
    // touched; then saturation and the ceiling; then the larger runs, which overload a platform and
    // leave abandoned work behind them. Within a pair every platform gets the same seed.
    for (var pair = 1; pair <= options.Pairs; pair++)
    {
        for (var index = 0; index < platforms.Count; index++)
        {
            foreach (var count in options.Users.Where(u => u <= LoadOptions.GoalUsers).Order())
            {
                await RunAsync(index, pair, $"{count} users", Mix(index), count, options.ThinkMin, options.ThinkMax, options.ThinkMax);
            }
        }
    }

    for (var index = 0; index < platforms.Count; index++)
    {
        if (platforms[index].Provider == TalentLinkPlatform.SqliteFull)
        {
            continue;
        }

        if (options.SaturationUsers > 0)
        {
            await RunAsync(index, 1, $"saturation, {options.SaturationUsers} users", Mix(index), options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
            await RunAsync(index, 1, $"{OfferReads.Run}, {options.SaturationUsers} users", new OfferReads(platforms[index].Http, platforms[index].Marketplace),
                options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
        }

        foreach (var count in options.Users.Where(u => u > LoadOptions.GoalUsers).Order())
        {
            await RunAsync(index, 1, $"{count} users", Mix(index), count, options.ThinkMin, options.ThinkMax, options.ThinkMax);
        }
    }
}
finally
{
    foreach (var (provider, platform, http, _, _) in platforms)
    {
        Console.WriteLine($"{provider}: stopping …");
        http.Dispose();
        await platform.DisposeAsync();
    }
}

Report.Print(results, options);
