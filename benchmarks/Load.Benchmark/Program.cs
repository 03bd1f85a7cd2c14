using System.Diagnostics;
using TalentLink.Benchmarks.Load;

// Load benchmark: N simulated candidates through the gateway of a whole TalentLink (the AppHost
// started here, on SQLite and on PostgreSQL), beside a bare reference endpoint. See LoadOptions.Usage.
if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadOptions.Usage);
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

// Interleaved rounds: SQLite, PostgreSQL and SQLite at full durability one after the other, so that a
// machine shared with others drifts alike for the platforms of one pair. The first round also runs
// saturation, the ceiling and the overload (on the first two platforms).
for (var pair = 1; pair <= options.Pairs; pair++)
foreach (var provider in options.Providers)
{
    var fullRound = pair == 1 && provider != TalentLinkPlatform.SqliteFull;
    var goalUsers = options.Users.Where(u => u <= LoadOptions.GoalUsers).ToList();
    if (!fullRound && goalUsers.Count == 0)
    {
        continue;
    }

    var label = options.Pairs > 1 ? $"{provider} (pair {pair})" : provider;
    Console.WriteLine($"\n{label}: starting the platform …");
    var stopwatch = Stopwatch.StartNew();
    await using var platform = options.Gateway is null
        ? await TalentLinkPlatform.StartAsync(provider, options.PostgresServer)
        : TalentLinkPlatform.External(options.Gateway, options.StatsDirectory);
    var serverPriority = provider == "postgres" && Machine.PostgresNice() is { } nice ? $"; local PostgreSQL server at nice {nice}" : "";
    Console.WriteLine($"{label}: gateway {platform.Gateway} healthy after {stopwatch.Elapsed.TotalSeconds:F0} s{serverPriority}; seeding …");

    using var http = new TimedHttp(platform.Gateway, options.MaxConnections);
    stopwatch.Restart();
    var marketplace = await Marketplace.SeedAsync(http.Client, options);
    Console.WriteLine($"{label}: {options.Recruiters} recruiters, {marketplace.Offers.Count} offers, {marketplace.Candidates.Count} candidates seeded in {stopwatch.Elapsed.TotalSeconds:F0} s");

    var lockWaits = await platform.LockWaitsAsync(DateTimeOffset.UtcNow);
    async Task RunAsync(string name, IScenario scenario, int users, TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan ramp)
    {
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
        var recorder = await LoadGenerator.RunAsync(scenario, users, thinkMin, thinkMax, ramp, options.Duration, options.Seed);
        var after = await platform.LockWaitsAsync(DateTimeOffset.UtcNow);
        var (cpuStart, cpuEnd, stalls) = await window;
        var measured = recorder.Result(name, options.Duration, LockWaits.Between(lockWaits, after));
        var result = measured with { CpuPerRequest = CpuProfile.PerRequest(cpuStart, cpuEnd, measured.Total.Count), Pair = pair, ServerStalls = stalls };
        lockWaits = after;
        results.Add((provider, result));
        Report.Progress(label, result);
    }

    // The runs at the goal's load (up to 1,000 users) come first, on a platform no overload has
    // touched; then saturation and the ceiling; then the larger runs, which overload it and leave
    // abandoned work behind them.
    var mix = new CandidateMix(http, marketplace, options.SessionLength, options.PasswordSignIns);
    async Task RunUsersAsync(IEnumerable<int> users)
    {
        foreach (var count in users.Order())
        {
            await RunAsync($"{count} users", mix, count, options.ThinkMin, options.ThinkMax, options.ThinkMax);
        }
    }

    await RunUsersAsync(goalUsers);

    if (fullRound && options.SaturationUsers > 0)
    {
        await RunAsync($"saturation, {options.SaturationUsers} users", mix, options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
        await RunAsync($"{OfferReads.Run}, {options.SaturationUsers} users", new OfferReads(http, marketplace), options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
    }

    if (fullRound)
    {
        await RunUsersAsync(options.Users.Where(u => u > LoadOptions.GoalUsers));
    }

    Console.WriteLine($"{label}: stopping …");
}

Report.Print(results, options);
