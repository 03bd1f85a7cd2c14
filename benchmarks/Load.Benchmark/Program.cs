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

foreach (var provider in options.Providers)
{
    Console.WriteLine($"\n{provider}: starting the platform …");
    var stopwatch = Stopwatch.StartNew();
    await using var platform = options.Gateway is null
        ? await TalentLinkPlatform.StartAsync(provider, options.PostgresServer)
        : TalentLinkPlatform.External(options.Gateway, options.StatsDirectory);
    var serverPriority = provider == "postgres" && Machine.PostgresNice() is { } nice ? $"; local PostgreSQL server at nice {nice}" : "";
    Console.WriteLine($"{provider}: gateway {platform.Gateway} healthy after {stopwatch.Elapsed.TotalSeconds:F0} s{serverPriority}; seeding …");

    using var http = new TimedHttp(platform.Gateway, options.MaxConnections);
    stopwatch.Restart();
    var marketplace = await Marketplace.SeedAsync(http.Client, options);
    Console.WriteLine($"{provider}: {options.Recruiters} recruiters, {marketplace.Offers.Count} offers, {marketplace.Candidates.Count} candidates seeded in {stopwatch.Elapsed.TotalSeconds:F0} s");

    var lockWaits = await platform.LockWaitsAsync(DateTimeOffset.UtcNow);
    async Task RunAsync(string name, IScenario scenario, int users, TimeSpan thinkMin, TimeSpan thinkMax, TimeSpan ramp)
    {
        // CPU is read over the measured window only, as the latencies are.
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(ramp);
            var start = CpuProfile.Take();
            await Task.Delay(options.Duration);
            return (start, CpuProfile.Take());
        });
        var recorder = await LoadGenerator.RunAsync(scenario, users, thinkMin, thinkMax, ramp, options.Duration, options.Seed);
        var after = await platform.LockWaitsAsync(DateTimeOffset.UtcNow);
        var (cpuStart, cpuEnd) = await cpu;
        var measured = recorder.Result(name, options.Duration, LockWaits.Between(lockWaits, after));
        var result = measured with { CpuPerRequest = CpuProfile.PerRequest(cpuStart, cpuEnd, measured.Total.Count) };
        lockWaits = after;
        results.Add((provider, result));
        Report.Progress(provider, result);
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

    await RunUsersAsync(options.Users.Where(u => u <= LoadOptions.GoalUsers));

    if (options.SaturationUsers > 0)
    {
        await RunAsync($"saturation, {options.SaturationUsers} users", mix, options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
        await RunAsync($"{OfferReads.Run}, {options.SaturationUsers} users", new OfferReads(http, marketplace), options.SaturationUsers, TimeSpan.Zero, TimeSpan.Zero, saturationRamp);
    }

    await RunUsersAsync(options.Users.Where(u => u > LoadOptions.GoalUsers));

    Console.WriteLine($"{provider}: stopping …");
}

Report.Print(results, options);
