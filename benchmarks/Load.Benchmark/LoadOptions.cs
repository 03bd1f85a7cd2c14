using System.Globalization;

namespace TalentLink.Benchmarks.Load;

/// <summary>
/// Command line of the load benchmark; every option has a default that runs the whole comparison.
/// </summary>
internal sealed record LoadOptions(
    string[] Providers,
    int[] Users,
    TimeSpan Duration,
    TimeSpan ThinkMin,
    TimeSpan ThinkMax,
    int SaturationUsers,
    int ReferenceConnections,
    int Candidates,
    int Recruiters,
    int OffersPerRecruiter,
    int SessionLength,
    double PasswordSignIns,
    int Seed,
    int MaxConnections,
    Uri? Gateway,
    string? StatsDirectory,
    string PostgresServer,
    bool Reference,
    int Pairs)
{
    /// <summary>The load the goals are set at: runs up to it come before any overload; the goals read its run.</summary>
    public const int GoalUsers = 1000;

    public const string Usage = """
        Usage: dotnet run -c Release --project benchmarks/Load.Benchmark -- [options]
          --provider sqlite|postgres|sqlite-full|both   platforms to start and compare (default both: SQLite, PostgreSQL,
                                            then SQLite with Database:Durability=Full, as interleaved pairs)
          --pairs 3                         rounds of the runs up to 1,000 users, each going round the platforms (started and
                                            seeded once; default 3): every pair and the median PostgreSQL/SQLite p99 ratio are
                                            reported; saturation, the ceiling and the runs past 1,000 users come after the
                                            rounds, once, on SQLite and PostgreSQL
          --users 100,1000,10000            concurrent users per open-loop run (default 100,1000,10000)
          --duration 60                     measured seconds per run (default 60); a ramp of --think max comes first
          --think 1-5                       think time in seconds between a user's requests, uniform (default 1-5)
          --saturation 64                   users with no think time for the closed-loop saturation run, then for the ceiling
                                            run (view offer only, the cheapest request through the gateway); 0 skips both
          --reference-connections 100       connections of the bare reference endpoint run (default 100)
          --no-reference                    skip the reference endpoint
          --candidates 300 --recruiters 10 --offers 20    accounts and offers seeded per platform
          --session 30                      requests per session on average (tokens renewed once per session)
          --password-sign-ins 0.2           share of session starts that sign in with the password (default 0.2);
                                            the rest renew with the refresh token, as a returning client does
          --seed 1                          seeds every user's choices: the same seed gives both providers the same operations
          --connections 2000                most HTTP connections the generator opens to the gateway
          --gateway http://host:port        load a running gateway instead of starting the AppHost
          --stats-dir path                  with --gateway: the data directory holding *.capacity.json
          --postgres "Host=…"               PostgreSQL server (default TALENTLINK_TEST_POSTGRES or 127.0.0.1 postgres/postgres)
        """;

    public static LoadOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var provider = (Value("--provider") ?? "both").ToLowerInvariant();
        string[] providers = provider switch
        {
            "both" => ["sqlite", "postgres", TalentLinkPlatform.SqliteFull],
            "sqlite" or "postgres" or TalentLinkPlatform.SqliteFull => [provider],
            _ => throw new ArgumentException($"--provider is '{provider}'; use sqlite, postgres or both."),
        };
        var think = (Value("--think") ?? "1-5").Split('-');
        var thinkMin = double.Parse(think[0], CultureInfo.InvariantCulture);
        var thinkMax = double.Parse(think.Length > 1 ? think[1] : think[0], CultureInfo.InvariantCulture);
        if (thinkMin < 0 || thinkMax < thinkMin)
        {
            throw new ArgumentException("--think takes min-max seconds with 0 <= min <= max.");
        }

        var passwordSignIns = double.Parse(Value("--password-sign-ins") ?? "0.2", CultureInfo.InvariantCulture);
        if (passwordSignIns is < 0 or > 1)
        {
            throw new ArgumentException("--password-sign-ins is a share between 0 and 1.");
        }

        var gateway = Value("--gateway") is { } url ? new Uri(url) : null;
        return new LoadOptions(
            gateway is null ? providers : ["external"],
            (Value("--users") ?? "100,1000,10000").Split(',').Select(u => int.Parse(u, CultureInfo.InvariantCulture)).ToArray(),
            TimeSpan.FromSeconds(Int("--duration", 60)),
            TimeSpan.FromSeconds(thinkMin),
            TimeSpan.FromSeconds(thinkMax),
            Int("--saturation", 64),
            Int("--reference-connections", 100),
            Int("--candidates", 300),
            Int("--recruiters", 10),
            Int("--offers", 20),
            Math.Max(1, Int("--session", 30)),
            passwordSignIns,
            Int("--seed", 1),
            Int("--connections", 2000),
            gateway,
            Value("--stats-dir"),
            Value("--postgres") ?? Environment.GetEnvironmentVariable("TALENTLINK_TEST_POSTGRES")
                ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres",
            !args.Contains("--no-reference"),
            Math.Max(1, Int("--pairs", 3)));
    }
}
